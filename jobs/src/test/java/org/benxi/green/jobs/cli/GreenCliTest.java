package org.benxi.green.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GreenCliTest {
  private record Outcome(int status, String out, String err) {}

  private static Outcome execute(String... args) {
    CommandLine cli = Green.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int status = cli.execute(args);
    return new Outcome(status, out.toString(), err.toString());
  }

  @Test
  void helpListsEveryCommandAndEachCommandHasHelp() {
    Outcome help = execute("--help");
    assertEquals(0, help.status());
    for (String command : new String[] {"run", "validate", "generate", "demo"}) {
      assertTrue(help.out().contains(command), command);
      Outcome sub = execute(command, "--help");
      assertEquals(0, sub.status());
      assertTrue(sub.out().startsWith("Usage: green " + command), sub.out());
    }
    assertTrue(execute("run", "--help").out().contains("--as-of"));
  }

  @Test
  void badArgumentsExitTwoWithUsage() {
    Outcome bad = execute("run", "--data", "x", "--warehouse", "y", "--period", "2024-13");
    assertEquals(2, bad.status());
    assertTrue(bad.err().contains("--period"), bad.err());
  }

  /** Exit status 2, the message and a pointer to --help, on two lines and no stack trace. */
  private static void assertBadArgument(String expectedMessage, String... args) {
    Outcome bad = execute(args);
    assertEquals(2, bad.status(), bad.err());
    assertEquals(
        "green " + args[0] + ": " + expectedMessage + "\nTry 'green " + args[0] + " --help'.",
        bad.err().strip());
  }

  @Test
  void benchWithoutASizeOrTheFloorExitsTwo() {
    assertBadArgument("bench needs --enterprises N, or --floor", "bench");
  }

  @Test
  void badOptionValuesExitTwoNamingTheOption(@TempDir Path dir) {
    String data = dir.toString();
    String warehouse = dir.resolve("w").toString();
    assertBadArgument(
        "--data /nonexistent/benxi: no such folder",
        "run",
        "--data",
        "/nonexistent/benxi",
        "--warehouse",
        warehouse,
        "--period",
        "2024-01");
    assertBadArgument(
        "--max-reject-rate must be a fraction between 0 and 1, got NaN",
        "run",
        "--data",
        data,
        "--warehouse",
        warehouse,
        "--period",
        "2024-01",
        "--max-reject-rate",
        "NaN");
    assertBadArgument(
        "--shuffle-partitions must be 1 or more, got 0",
        "run",
        "--data",
        data,
        "--warehouse",
        warehouse,
        "--period",
        "2024-01",
        "--shuffle-partitions",
        "0");
    assertBadArgument(
        "--master bogus://x: not a Spark master URL; use local[*], local[N], spark://host:7077,"
            + " yarn or k8s://https://host:port",
        "run",
        "--data",
        data,
        "--warehouse",
        warehouse,
        "--period",
        "2024-01",
        "--master",
        "bogus://x");
    assertBadArgument(
        "--source bogus: not a source; one of enterprises, energy, solid_waste, green_factories,"
            + " power_plants, forest, economy, production_lines, programs",
        "validate",
        "--data",
        data,
        "--source",
        "bogus");
    assertBadArgument(
        "--data /nonexistent/benxi: no such folder", "validate", "--data", "/nonexistent/benxi");
  }

  @Test
  void aWarehouseIsAFolderOfItsOwn(@TempDir Path dir) throws IOException {
    String data = dir.resolve("data").toString();
    Files.createDirectories(dir.resolve("data/raw"));
    String[] run = {"run", "--data", data, "--period", "2024-01", "--warehouse"};
    assertBadArgument(
        "--warehouse / is the root of the file system; give a folder of its own", with(run, "/"));
    String home = System.getProperty("user.home");
    assertBadArgument(
        "--warehouse "
            + home
            + " is your home folder itself; give a folder of its own, such as ~/green-warehouse",
        with(run, home));
    Path file = Files.writeString(dir.resolve("notes.txt"), "x");
    assertBadArgument(
        "--warehouse "
            + file
            + " is a regular file, not a folder; give a new or empty folder for publications",
        with(run, file.toString()));
    Path busy = Files.createDirectories(dir.resolve("busy/docs"));
    Files.writeString(busy.resolveSibling("a.txt"), "x");
    assertBadArgument(
        "--warehouse "
            + busy.getParent()
            + " is neither empty nor a warehouse (it holds 2 entries: a.txt, docs/); give a new"
            + " or empty folder, or an existing warehouse",
        with(run, busy.getParent().toString()));
    assertBadArgument(
        "--warehouse "
            + dir.resolve("a:b")
            + ": a ':' in the path; Hadoop, which writes the Parquet files, cannot use it",
        with(run, dir.resolve("a:b").toString()));
    String inRaw = dir.resolve("data/raw/out").toString();
    assertBadArgument(
        "--warehouse "
            + inRaw
            + " is inside the data root's raw/ folder, where its files would be taken as drops",
        with(run, inRaw));
  }

  private static String[] with(String[] args, String last) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = last;
    return all;
  }
}
