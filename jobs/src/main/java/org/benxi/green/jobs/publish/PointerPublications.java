package org.benxi.green.jobs.publish;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A warehouse on a Hadoop file system without symbolic links (HDFS, S3): one immutable folder per
 * run, {@code publications/<P>/<run id>/}, made current by a versioned pointer file {@code
 * current/<P>/v<8 digits>.json} naming it. The pointer with the highest version is the period's
 * current publication. A run uploads its whole publication first, then creates the next version's
 * pointer: on HDFS by renaming a finished temporary file onto it (the name node refuses a rename
 * onto an existing file, atomically), on S3 by a conditional PUT. Of two runs built on the same
 * version exactly one commits and the other is told it lost. No lock is held; the commit decides.
 */
public final class PointerPublications {
  /** How long an unreferenced publication folder may be an upload in progress. */
  public static final Duration ABANDONED_AFTER = Duration.ofHours(6);

  private static final Pattern POINTER = Pattern.compile("v(\\d{8})\\.json");
  private static final String TMP_SUFFIX = ".tmp";

  private final String warehouse;
  private final FileSystem fs;
  private final Path root;

  /** The publications of {@code warehouse}, a Hadoop URI such as {@code hdfs://nn:8020/green}. */
  public PointerPublications(String warehouse, Configuration conf) {
    this.warehouse = warehouse;
    this.root = new Path(warehouse);
    try {
      this.fs = root.getFileSystem(conf);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the warehouse " + warehouse, e);
    }
  }

  /** One version of a period: the publication it made current. */
  public record Pointer(int version, Publications.Publication publication) {
    String json() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("version", version);
      json.putAll(publication.toJson());
      json.put("publication", "publications/" + publication.period() + "/" + publication.runId());
      return Json.write(json) + "\n";
    }
  }

  /** A run lost the commit: another run made its version first. */
  public static final class Superseded extends IllegalStateException {
    Superseded(String message) {
      super(message);
    }
  }

  /** The folder of one publication. */
  public Path publicationDir(String period, String runId) {
    return new Path(root, "publications/" + period + "/" + runId);
  }

  /** Every version of the period, newest first. */
  public List<Pointer> history(String period) {
    List<Pointer> pointers = new ArrayList<>();
    versions(period).forEach(v -> pointers.add(read(pointer(period, v), v)));
    return pointers;
  }

  /** The period's current version, if it has one: the one pointer with the highest version. */
  public Optional<Pointer> current(String period) {
    return versions(period).stream().findFirst().map(v -> read(pointer(period, v), v));
  }

  /** Periods with a current publication, in order. */
  public List<String> periods() {
    List<String> periods = new ArrayList<>();
    for (FileStatus f : list(new Path(root, "current"))) {
      String name = f.getPath().getName();
      if (f.isDirectory() && !name.startsWith(".") && !versions(name).isEmpty()) {
        periods.add(name);
      }
    }
    periods.sort(Comparator.naturalOrder());
    return periods;
  }

  /** The versions the period's pointer files name, newest first; one listing, nothing read. */
  private List<Integer> versions(String period) {
    List<Integer> versions = new ArrayList<>();
    for (FileStatus f : list(new Path(root, "current/" + period))) {
      Matcher m = POINTER.matcher(f.getPath().getName());
      if (f.isFile() && m.matches()) {
        versions.add(Integer.parseInt(m.group(1)));
      }
    }
    versions.sort(Comparator.reverseOrder());
    return versions;
  }

  private Path pointer(String period, int version) {
    return new Path(root, String.format("current/%s/v%08d.json", period, version));
  }

  /**
   * Uploads the staged local folder of {@code publication} into publications/ (where Spark may
   * already have written its marts and state: those files are not sent again), then commits it as
   * version {@code version} of its period (the version the run read, plus one). Throws {@link
   * Superseded}, after removing the upload, when another run committed that version first. The
   * staged folder is left where it is.
   */
  public void publish(
      Publications.Publication publication,
      java.nio.file.Path staged,
      int version,
      Publications.Checkpoint checkpoint) {
    String period = publication.period();
    String runId = publication.runId();
    Path target = publicationDir(period, runId);
    Path pointer = pointer(period, version);
    Path pointers = pointer.getParent();
    Path tmp = new Path(pointers, "." + pointer.getName() + "." + runId + TMP_SUFFIX);
    try {
      checkpoint.reached("staged");
      publication.writeInto(staged);
      checkpoint.reached("publication.json written");
      fs.mkdirs(target.getParent());
      if (!fs.mkdirs(pointers)) {
        throw new IOException("cannot create " + pointers);
      }
      upload(staged, target);
      checkpoint.reached("uploaded");
      byte[] json = new Pointer(version, publication).json().getBytes(StandardCharsets.UTF_8);
      boolean committed;
      if (objectStore()) {
        checkpoint.reached("pointer written");
        committed = createIfAbsent(pointer, json);
      } else {
        try (FSDataOutputStream out = fs.create(tmp, false)) {
          out.write(json);
          out.hsync();
        }
        checkpoint.reached("pointer written");
        committed = fs.rename(tmp, pointer);
        if (!committed) {
          fs.delete(tmp, false);
        }
      }
      if (!committed) {
        fs.delete(target, true);
        String winner =
            fs.exists(pointer) ? " by run " + read(pointer, version).publication().runId() : "";
        throw new Superseded(
            period
                + " version "
                + version
                + " was published"
                + winner
                + " while run "
                + runId
                + " computed; nothing of "
                + runId
                + " is visible and its upload is removed; run again to publish on top of it");
      }
      checkpoint.reached("switched");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot publish " + period + " into " + warehouse + ": " + e.getMessage(), e);
    }
  }

  /** Copies every file of {@code staged} that {@code target} lacks into it. */
  private void upload(java.nio.file.Path staged, Path target) throws IOException {
    if (!fs.exists(target)) {
      fs.copyFromLocalFile(false, false, new Path(staged.toUri()), target);
      return;
    }
    Set<String> present = new HashSet<>();
    String prefix = fs.makeQualified(target) + "/";
    for (var files = fs.listFiles(target, true); files.hasNext(); ) {
      present.add(files.next().getPath().toString().substring(prefix.length()));
    }
    List<java.nio.file.Path> files;
    try (var walk = Files.walk(staged)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (java.nio.file.Path file : files) {
      String relative = staged.relativize(file).toString();
      if (!present.contains(relative)) {
        fs.copyFromLocalFile(false, false, new Path(file.toUri()), new Path(target, relative));
      }
    }
  }

  /** True on S3, where an object appears whole when written and there is no rename. */
  private boolean objectStore() {
    return fs.getScheme().equals("s3a");
  }

  /**
   * Creates {@code file} with {@code bytes} unless it exists: a conditional PUT ({@code
   * If-None-Match: *}), which S3 refuses atomically when another writer created the object first.
   * The existence check before it refuses a version committed earlier on servers that ignore the
   * header (S3A skips its own check for a conditional PUT). Returns false when the file exists.
   */
  private boolean createIfAbsent(Path file, byte[] bytes) throws IOException {
    if (fs.exists(file)) {
      return false;
    }
    var create = fs.createFile(file);
    create.overwrite(false);
    create.must("fs.option.create.conditional.overwrite", true);
    try (FSDataOutputStream out = create.build()) {
      out.write(bytes);
    } catch (IOException e) {
      if (fs.exists(file)) {
        return false; // S3A's existence probe, or S3's 412 Precondition Failed
      }
      throw e;
    }
    return true;
  }

  /**
   * Deletes what runs that died left behind, once older than {@code grace} at {@code now}:
   * temporary pointers and publication folders no pointer names. Younger ones may be runs still
   * uploading. Returns one line per thing cleared.
   */
  public List<String> clearAbandoned(Instant now, Duration grace) {
    long before = now.minus(grace).toEpochMilli();
    List<String> cleared = new ArrayList<>();
    try {
      for (FileStatus periodDir : list(new Path(root, "publications"))) {
        String period = periodDir.getPath().getName();
        Set<String> live = new HashSet<>();
        history(period).forEach(p -> live.add(p.publication().runId()));
        for (FileStatus run : list(periodDir.getPath())) {
          String runId = run.getPath().getName();
          if (!live.contains(runId) && run.getModificationTime() <= before) {
            fs.delete(run.getPath(), true);
            cleared.add("publication " + runId + " of " + period + ", never switched to");
          }
        }
      }
      for (FileStatus periodDir : list(new Path(root, "current"))) {
        for (FileStatus f : list(periodDir.getPath())) {
          if (f.getPath().getName().endsWith(TMP_SUFFIX) && f.getModificationTime() <= before) {
            fs.delete(f.getPath(), false);
            cleared.add("temporary pointer " + f.getPath().getName());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot clear abandoned runs in " + warehouse, e);
    }
    return cleared;
  }

  /**
   * Brings {@code copy}, a local warehouse, up to date with every version of {@code periods}:
   * downloads each publication it lacks and publishes it there in version order, so local readers
   * (audit, history, report, notebooks) see exactly what the pointers name. Publications never
   * change, so what the copy holds is never fetched again. The caller holds the copy's lock.
   */
  public void copyInto(java.nio.file.Path copy, List<String> periods) {
    Publications local = new Publications(copy);
    for (String period : periods) {
      List<Pointer> versions = new ArrayList<>(history(period));
      versions.sort(Comparator.comparingInt(Pointer::version));
      Set<String> held = new HashSet<>();
      local.history(period).forEach(p -> held.add(p.runId()));
      for (Pointer p : versions) {
        String runId = p.publication().runId();
        if (held.contains(runId)) {
          continue;
        }
        java.nio.file.Path staging = local.stagingDir(runId);
        try {
          Publications.deleteTree(staging);
          Files.createDirectories(staging.getParent());
          fs.copyToLocalFile(false, publicationDir(period, runId), new Path(staging.toUri()), true);
        } catch (IOException e) {
          throw new UncheckedIOException(
              "Cannot copy " + publicationDir(period, runId) + " to " + staging, e);
        }
        local.publish(p.publication(), staging, Publications.Checkpoint.NONE);
      }
    }
  }

  private Pointer read(Path file, int version) {
    try (var in = fs.open(file)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> json =
          (Map<String, Object>) Json.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return new Pointer(version, Publications.Publication.fromJson(json));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the pointer " + file, e);
    }
  }

  private List<FileStatus> list(Path dir) {
    try {
      return List.of(fs.listStatus(dir));
    } catch (FileNotFoundException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir, e);
    }
  }
}
