package org.benxi.green.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.benxi.green.datasets.SourceSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listing reads every drop file whatever its name, follows links only inside the data root, and
 * names every other file under raw/ with the reason it is not read.
 */
class DropScannerTest {
  private static final Set<String> SOURCES = SourceSchema.shipped().keySet();

  @TempDir Path dir;

  private Path file(Path root, String relative) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "credit_code,period,energy_code,quantity,unit\n");
    return file;
  }

  private DropScanner.Listing scan(Path root, LocalDate asOf) {
    return DropScanner.scan(root.toString(), asOf, SOURCES, new Configuration());
  }

  @Test
  void hiddenLookingNamesAreReadAndMisplacedFilesAreNamedWithTheirReason() throws Exception {
    Path root = dir.resolve("data");
    file(root, "raw/energy/received=2024-06-10/_energy_2024-06.csv");
    file(root, "raw/energy/received=2024-06-10/.hidden.csv");
    file(root, "raw/energy/received=2024-06-10/..csv");
    file(root, "raw/energy/received=2024-06-10/UPPER.CSV");
    file(root, "raw/energy/received=2024-06-10/notes.txt");
    file(root, "raw/energy/received=2024-06-10/late/energy.csv");
    file(root, "raw/energy/energy.csv");
    file(root, "raw/readme.csv");
    file(root, "raw/Energy/received=2024-06-10/energy.csv");
    file(root, "raw/energy /received=2024-06-10/energy.csv");
    file(root, "raw/energy/received=2024-13-01/energy.csv");
    file(root, "raw/energy/received=2024-6-1/energy.csv");
    file(root, "raw/energy/received=2024-07-10/after_as_of.csv");

    DropScanner.Listing listing = scan(root, LocalDate.of(2024, 6, 30));

    assertEquals(
        List.of(
            "raw/energy/received=2024-06-10/..csv",
            "raw/energy/received=2024-06-10/.hidden.csv",
            "raw/energy/received=2024-06-10/UPPER.CSV",
            "raw/energy/received=2024-06-10/_energy_2024-06.csv"),
        listing.files().stream().map(SourceFile::relativePath).toList());
    assertEquals(
        List.of(
            "raw/Energy/received=2024-06-10/energy.csv: not read: raw/'Energy' is not a source"
                + " folder; did you mean energy?",
            "raw/energy /received=2024-06-10/energy.csv: not read: raw/'energy ' is not a source"
                + " folder; did you mean energy?",
            "raw/energy/energy.csv: not read: not in a drop folder,"
                + " raw/energy/received=YYYY-MM-DD/",
            "raw/energy/received=2024-06-10/late/energy.csv: not read: in a subfolder of the drop"
                + " 'late'; a drop's files must sit directly in its folder",
            "raw/energy/received=2024-06-10/notes.txt: not read: not a .csv file",
            "raw/energy/received=2024-13-01/energy.csv: not read: drop folder"
                + " 'received=2024-13-01' is not named received=YYYY-MM-DD with a valid date",
            "raw/energy/received=2024-6-1/energy.csv: not read: drop folder 'received=2024-6-1' is"
                + " not named received=YYYY-MM-DD with a valid date",
            "raw/readme.csv: not read: not in a source folder,"
                + " raw/<source>/received=YYYY-MM-DD/"),
        listing.skipped().stream().map(DropScanner.Skipped::describe).toList());
  }

  @Test
  void linksAreFollowedOnlyInsideTheDataRootAndTheirTargetsAreNeverNamed() throws Exception {
    Path root = dir.resolve("data");
    Path outside = dir.resolve("outside");
    Path secret = file(outside, "received=2024-06-10/secret.csv");
    Path inside = file(root, "raw/energy/received=2024-06-10/energy.csv");
    Path drop = root.resolve("raw/energy/received=2024-06-11");
    Files.createDirectories(drop);
    Files.createSymbolicLink(drop.resolve("passwd.csv"), secret);
    Files.createSymbolicLink(drop.resolve("same.csv"), inside);
    Files.createSymbolicLink(drop.resolve("dangling.csv"), dir.resolve("nothing.csv"));
    Files.createSymbolicLink(root.resolve("raw/energy/received=2024-06-12"), secret.getParent());
    Files.createSymbolicLink(root.resolve("raw/energy/received=2024-06-13"), inside.getParent());
    Files.createSymbolicLink(
        root.resolve("raw/energy/received=2024-06-14"), root.resolve("raw/energy"));
    new ProcessBuilder("mkfifo", drop.resolve("pipe.csv").toString()).start().waitFor();

    DropScanner.Listing listing = scan(root, null);

    assertEquals(
        List.of(
            "raw/energy/received=2024-06-10/energy.csv",
            "raw/energy/received=2024-06-11/same.csv",
            "raw/energy/received=2024-06-13/energy.csv"),
        listing.files().stream().map(SourceFile::relativePath).toList());
    assertEquals(
        inside.toRealPath().toUri().toString(), listing.files().get(1).uri(), "read at its target");
    assertEquals(
        List.of(
            "raw/energy/received=2024-06-11/dangling.csv: not read: a symbolic link to nothing",
            "raw/energy/received=2024-06-11/passwd.csv: not read: a symbolic link that leads"
                + " outside the data root",
            "raw/energy/received=2024-06-11/pipe.csv: not read: not a regular file",
            "raw/energy/received=2024-06-12: not read: a symbolic link that leads outside the data"
                + " root",
            "raw/energy/received=2024-06-14: not read: a symbolic link to a folder that contains"
                + " it (a loop)"),
        listing.skipped().stream().map(DropScanner.Skipped::describe).toList());
    for (DropScanner.Skipped s : listing.skipped()) {
      assertFalse(s.describe().contains(outside.toString()), "never names the target");
    }
  }

  @Test
  void controlCharactersInNamesStayOnOneLine() throws Exception {
    Path root = dir.resolve("data");
    file(root, "raw/energy/received=2024-06-10/a\nb.txt");
    assertEquals(
        List.of("raw/energy/received=2024-06-10/a\\nb.txt: not read: not a .csv file"),
        scan(root, null).skipped().stream().map(DropScanner.Skipped::describe).toList());
  }
}
