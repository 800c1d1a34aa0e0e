package org.benxi.green.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.benxi.green.jobs.MonthlyRun;
import org.benxi.green.jobs.ProgressLine;
import org.benxi.green.jobs.RunConfig;
import org.benxi.green.jobs.generate.GeneratorConfig;
import org.benxi.green.jobs.generate.SampleGenerator;
import org.benxi.green.jobs.publish.Json;
import org.benxi.green.jobs.publish.MiniHdfs;
import org.benxi.green.jobs.publish.PointerPublications;
import org.benxi.green.jobs.spark.SparkSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark standalone master and two workers on 127.0.0.1, started from the Maven classpath, run a
 * month submitted with the cluster jar through spark-submit; its marts carry the same content
 * hashes, and its reports the same bytes, as a local-mode run of the same data. Submitted again
 * with a warehouse on HDFS (an in-process mini cluster), it commits the same marts there.
 */
class StandaloneClusterIT {
  private static final YearMonth PERIOD = YearMonth.of(2025, 6);

  /** What a Spark installation lacks and the cluster jar must bring itself. */
  private static final List<String> NOT_IN_SPARK =
      List.of(
          "green-",
          "tablesaw-",
          "jfreechart-",
          "org.jfree.svg-",
          "picocli-",
          "commons-csv-",
          "fastutil-",
          "classgraph-",
          "junit-",
          "opentest4j-",
          "apiguardian-",
          "rapaio-");

  /**
   * The launcher's JIT, collector and heap pages for every JVM of the test (daemons, driver,
   * executors): on two cores, five JVMs that live a minute each spend much of it in the optimizing
   * compiler.
   */
  private static final List<String> SHORT_LIVED_JVM =
      List.of(
          "-XX:TieredStopAtLevel=1",
          "-XX:+UseSerialGC",
          "-XX:+UseTransparentHugePages",
          "-Xlog:pagesize=off");

  @TempDir static Path dir;
  static final List<Process> daemons = new ArrayList<>();
  static Path sparkHome;
  static int masterPort;
  static int masterUiPort;

  @BeforeAll
  static void startCluster() throws Exception {
    new SampleGenerator(
            new GeneratorConfig(dir.resolve("data"), 60, YearMonth.of(2024, 7), PERIOD, 11L),
            ProgressLine.silent())
        .generate();
    sparkHome = sparkHomeWithoutTheProject();
    masterPort = freePort();
    masterUiPort = freePort();
    daemons.add(
        daemon(
            "master",
            "org.apache.spark.deploy.master.Master",
            "--host",
            "127.0.0.1",
            "--port",
            String.valueOf(masterPort),
            "--webui-port",
            String.valueOf(masterUiPort)));
    awaitMaster(0);
    for (int w = 1; w <= 2; w++) {
      Path work = Files.createDirectories(dir.resolve("worker-" + w));
      daemons.add(
          daemon(
              "worker-" + w,
              "org.apache.spark.deploy.worker.Worker",
              masterUrl(),
              "--host",
              "127.0.0.1",
              "--cores",
              "1",
              "--memory",
              "1536m",
              "--webui-port",
              String.valueOf(freePort()),
              "--work-dir",
              work.toString()));
    }
    awaitMaster(2);
  }

  @AfterAll
  static void stopCluster() throws InterruptedException {
    for (int i = daemons.size() - 1; i >= 0; i--) {
      Process p = daemons.get(i);
      p.destroy();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aMonthSubmittedToTwoWorkersMatchesLocalMode() throws Exception {
    Path local = dir.resolve("warehouse-local");
    SparkSession spark = new SparkSettings("local[2]", 2).start("green local reference");
    try {
      MonthlyRun.run(
          spark,
          new RunConfig(
              dir.resolve("data").toString(),
              local.toString(),
              PERIOD,
              null,
              new SparkSettings("local[2]", 2),
              RunConfig.DEFAULT_MAX_REJECT_RATE),
          ProgressLine.silent());
    } finally {
      spark.stop();
    }

    Path cluster = dir.resolve("warehouse-cluster");
    submit(cluster.toString(), "driver");

    Map<String, Object> clusterManifest = manifest(cluster);
    assertEquals(
        masterUrl(), config(clusterManifest).get("master"), "ran on the standalone master");
    assertEquals(3, config(clusterManifest).get("shuffle_partitions"));
    Map<String, String> clusterHashes = hashes(clusterManifest);
    assertEquals(hashes(manifest(local)), clusterHashes);
    assertTrue(clusterHashes.size() >= 15, clusterHashes.keySet().toString());
    for (String report :
        List.of("indicators.csv", "rejects.csv", "data_quality.csv", "missing_reporters.csv")) {
      assertArrayEquals(
          Files.readAllBytes(reports(local).resolve(report)),
          Files.readAllBytes(reports(cluster).resolve(report)),
          report);
    }
    for (int w = 1; w <= 2; w++) {
      try (Stream<Path> apps = Files.list(dir.resolve("worker-" + w))) {
        assertFalse(apps.toList().isEmpty(), "worker " + w + " ran no executor");
      }
    }

    String hdfs = MiniHdfs.uri() + "/green/warehouse";
    submit(hdfs, "driver-hdfs");
    PointerPublications published = new PointerPublications(hdfs, new Configuration());
    PointerPublications.Pointer pointer = published.current(PERIOD.toString()).orElseThrow();
    assertEquals(1, pointer.version());
    org.apache.hadoop.fs.Path publication =
        published.publicationDir(PERIOD.toString(), pointer.publication().runId());
    FileSystem fs = publication.getFileSystem(new Configuration());
    assertEquals(
        hashes(manifest(local)),
        hashes((Map<String, Object>) Json.read(read(fs, publication, "manifest.json"))),
        "the marts committed on HDFS are the local run's");
    assertEquals(
        Files.readString(reports(local).resolve("indicators.csv")),
        read(fs, publication, "reports/indicators.csv"));

    List<String> finished = new ArrayList<>();
    for (Object app : (List<Object>) masterState().get("completedapps")) {
      finished.add((String) ((Map<String, Object>) app).get("name"));
    }
    assertEquals(List.of("green run " + PERIOD, "green run " + PERIOD), finished);
  }

  /**
   * Submits {@code green run} of the period to the standalone master, publishing into {@code
   * warehouse}; the local copy of an HDFS warehouse goes under the test folder.
   */
  private static void submit(String warehouse, String logName) throws Exception {
    Path log = dir.resolve(logName + ".log");
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            "-Dgreen.cache=" + dir.resolve("cache"),
            "org.apache.spark.deploy.SparkSubmit",
            "--master",
            masterUrl(),
            "--class",
            "org.benxi.green.jobs.cli.Green",
            "--conf",
            "spark.executor.memory=1g",
            "--conf",
            "spark.executor.extraJavaOptions=" + String.join(" ", SHORT_LIVED_JVM),
            "--conf",
            "spark.driver.host=127.0.0.1"));
    for (Map.Entry<String, String> setting : testHdfsClientSettings()) {
      command.addAll(
          List.of("--conf", "spark.hadoop." + setting.getKey() + "=" + setting.getValue()));
    }
    command.addAll(
        List.of(
            clusterJar().toString(),
            "run",
            "--data",
            dir.resolve("data").toString(),
            "--warehouse",
            warehouse,
            "--period",
            PERIOD.toString(),
            "--shuffle-partitions",
            "3"));
    Process driver = java(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(driver.waitFor(10, TimeUnit.MINUTES), "spark-submit did not finish");
    assertEquals(0, driver.exitValue(), "spark-submit failed:\n" + tail(log));
  }

  /**
   * The test classpath's hdfs-site.xml (the mini HDFS's quick file completion), which the submitted
   * driver and executors do not have on their classpath.
   */
  private static Configuration testHdfsClientSettings() {
    Configuration settings = new Configuration(false);
    settings.addResource("hdfs-site.xml");
    return settings;
  }

  private static String read(FileSystem fs, org.apache.hadoop.fs.Path dir, String file)
      throws IOException {
    try (var in = fs.open(new org.apache.hadoop.fs.Path(dir, file))) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static Path reports(Path warehouse) {
    return warehouse.resolve("reports").resolve(PERIOD.toString());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> manifest(Path warehouse) throws IOException {
    Path current = warehouse.resolve("current").resolve(PERIOD.toString());
    return (Map<String, Object>) Json.read(Files.readString(current.resolve("manifest.json")));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> config(Map<String, Object> manifest) {
    return (Map<String, Object>) manifest.get("config");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> hashes(Map<String, Object> manifest) {
    Map<String, String> hashes = new LinkedHashMap<>();
    for (Object o : (List<Object>) manifest.get("outputs")) {
      Map<String, Object> output = (Map<String, Object>) o;
      hashes.put((String) output.get("mart"), (String) output.get("content_hash"));
    }
    return hashes;
  }

  private static String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  private static Path clusterJar() {
    Path jar = Path.of(System.getProperty("green.cluster.jar", "missing"));
    assertTrue(Files.isRegularFile(jar), "cluster jar " + jar + " (run through mvn verify)");
    return jar;
  }

  /** A SPARK_HOME whose jars/ links the test classpath minus what the cluster jar must bring. */
  private static Path sparkHomeWithoutTheProject() throws IOException {
    Path home = dir.resolve("spark-home");
    Path jars = Files.createDirectories(home.resolve("jars"));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      String name = p.getFileName().toString();
      boolean provided = NOT_IN_SPARK.stream().noneMatch(name::startsWith);
      if (name.endsWith(".jar") && provided && !Files.exists(jars.resolve(name))) {
        Files.createSymbolicLink(jars.resolve(name), p.toAbsolutePath());
      }
    }
    return home;
  }

  private static Process daemon(String name, String mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add("-Dspark.master.rest.enabled=false");
    command.add(mainClass);
    command.addAll(Arrays.asList(args));
    return java(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile())
        .start();
  }

  /** A JVM on SPARK_HOME/jars with Spark's Java 17 flags and the standalone environment. */
  private static ProcessBuilder java(List<String> mainAndArgs) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(System.getProperty("green.spark.jvm.flags", "").split("\\s+")));
    command.add("-Xmx1g");
    command.addAll(SHORT_LIVED_JVM);
    command.add("-Djava.awt.headless=true");
    command.add("-cp");
    command.add(sparkHome.resolve("jars") + File.separator + "*");
    command.addAll(mainAndArgs);
    ProcessBuilder pb = new ProcessBuilder(command.stream().filter(s -> !s.isEmpty()).toList());
    pb.environment().put("SPARK_HOME", sparkHome.toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.directory(dir.toFile());
    return pb;
  }

  /** Waits until the master is alive with the given number of alive workers. */
  private static void awaitMaster(int workers) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    Object last = "";
    while (System.nanoTime() < deadline) {
      try {
        Map<String, Object> state = masterState();
        last = state;
        if ("ALIVE".equals(state.get("status"))
            && ((Number) state.get("aliveworkers")).intValue() >= workers) {
          return;
        }
      } catch (IOException | IllegalArgumentException notYet) {
        last = notYet.toString();
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "master not ready with "
            + workers
            + " workers: "
            + last
            + "\n"
            + tail(dir.resolve("master.log")));
  }

  /** The master's state as its web UI serves it at /json. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> masterState() throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUiPort + "/json/"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return (Map<String, Object>) Json.read(response.body());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
