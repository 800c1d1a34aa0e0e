package org.benxi.green.jobs.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/** One in-process HDFS (name node and one data node) for every test class in the JVM. */
public final class MiniHdfs {
  private static MiniDFSCluster cluster;

  private MiniHdfs() {}

  /** The file system's URI, {@code hdfs://localhost:<port>}, started on first use. */
  public static synchronized String uri() {
    if (cluster == null) {
      try {
        Configuration conf = new Configuration();
        conf.set(
            MiniDFSCluster.HDFS_MINIDFS_BASEDIR,
            Files.createTempDirectory("green-minidfs").toString());
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::shutdown));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start the mini HDFS cluster", e);
      }
    }
    return cluster.getURI().toString();
  }
}
