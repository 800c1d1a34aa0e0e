package org.benxi.green.jobs.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.http.HttpServer2;

/**
 * One in-process HDFS (name node and one data node) for every test class in the JVM, its folders
 * removed when the JVM exits.
 */
public final class MiniHdfs {
  private static MiniDFSCluster cluster;

  private MiniHdfs() {}

  /** The file system's URI, {@code hdfs://localhost:<port>}, started on first use. */
  public static synchronized String uri() {
    if (cluster == null) {
      try {
        Path base = Files.createTempDirectory("green-minidfs");
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
        // The name and data nodes' web servers unpack into it too, not into java.io.tmpdir.
        conf.set(HttpServer2.HTTP_TEMP_DIR_KEY, base.resolve("http").toString());
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      try {
                        cluster.shutdown(true);
                      } catch (IllegalStateException e) {
                        // Hadoop refuses to unregister its own hooks once the JVM is exiting.
                      } finally {
                        delete(base);
                      }
                    }));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start the mini HDFS cluster", e);
      }
    }
    return cluster.getURI().toString();
  }

  private static void delete(Path tree) {
    try (Stream<Path> paths = Files.walk(tree)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("Cannot remove " + tree + ": " + e.getMessage());
    }
  }
}
