package org.benxi.green.jobs.publish;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A publishing process for the crash tests, run in its own JVM: takes the lock, clears abandoned
 * runs, stages a copy of a prepared publication and publishes it.
 *
 * <p>Arguments: warehouse, prepared folder, period, run id, then {@code list} (print every step),
 * {@code kill-at=STEP} (SIGKILL itself at that step) or {@code pause-at=STEP} (print PAUSED and
 * wait for a line on standard input).
 */
public final class PublishingProcess {
  private PublishingProcess() {}

  public static void main(String[] args) throws Exception {
    Path warehouse = Path.of(args[0]);
    Path prepared = Path.of(args[1]);
    String period = args[2];
    String runId = args[3];
    String mode = args[4];
    Publications.Checkpoint checkpoint = step -> reached(mode, step);
    Publications publications = new Publications(warehouse);
    try (WarehouseLock lock = WarehouseLock.acquire(warehouse, runId)) {
      publications.clearAbandoned();
      checkpoint.reached("locked");
      Path staging = publications.stagingDir(runId);
      copyTree(prepared, staging);
      checkpoint.reached("staging written");
      publications.publish(
          new Publications.Publication(
              runId, period, "2022-01-31", publications.currentRunId(period).orElse(null)),
          staging,
          checkpoint);
    }
    System.out.println("DONE");
  }

  /** Lists, kills itself at, or pauses at {@code step}, as {@code mode} says. */
  static void reached(String mode, String step) {
    if (mode.equals("list")) {
      System.out.println("STEP " + step);
    } else if (mode.equals("kill-at=" + step)) {
      System.out.flush();
      try {
        new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid()))
            .start()
            .waitFor();
        Thread.sleep(60_000);
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
      throw new IllegalStateException("kill -9 did not stop the process");
    } else if (mode.equals("pause-at=" + step)) {
      System.out.println("PAUSED " + step);
      System.out.flush();
      try {
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Copies a folder tree, keeping symbolic links as links. */
  public static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isSymbolicLink(p)) {
          Files.createSymbolicLink(target, Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  /** A publication prepared under {@code dir} whose every file names its run; made once per run. */
  static Path prepare(Path dir, String runId, List<String> marts) throws IOException {
    Path prepared = dir.resolve("prepared-" + runId);
    if (Files.isDirectory(prepared)) {
      return prepared;
    }
    for (String mart : marts) {
      Path martDir = Files.createDirectories(prepared.resolve("marts").resolve(mart));
      Files.writeString(martDir.resolve("part-00000.parquet"), runId + "|" + mart);
    }
    Files.createDirectories(prepared.resolve("reports"));
    Files.writeString(prepared.resolve("reports/indicators.csv"), "indicators of " + runId);
    Files.writeString(prepared.resolve("manifest.json"), "{\"run_id\": \"" + runId + "\"}\n");
    return prepared;
  }

  /** A publisher JVM on the test class path: {@code main} with {@code args}, not yet started. */
  static ProcessBuilder jvm(Class<?> main, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path")));
    command.add(main.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }

  /** A finished publisher: its exit status and standard output. */
  record Child(int exit, String out) {
    /** Waits for {@code p}, reading its output. */
    static Child of(Process p) throws IOException, InterruptedException {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        throw new AssertionError("child did not finish: " + out);
      }
      return new Child(p.exitValue(), out);
    }

    /** The steps a {@code list} run printed, in order. */
    List<String> steps() {
      if (exit != 0) {
        throw new AssertionError("listing run failed with " + exit + ": " + out);
      }
      return out.lines().filter(l -> l.startsWith("STEP ")).map(l -> l.substring(5)).toList();
    }
  }
}
