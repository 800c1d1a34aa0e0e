package org.benxi.green.jobs.publish;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.benxi.green.jobs.InvalidArgument;

/**
 * Where {@code --warehouse} points: a local or mounted POSIX folder (symbolic-link publications,
 * {@link Publications}), or a folder on HDFS or S3 (pointer publications, {@link
 * PointerPublications}) that every command reads and runs carry state through a local copy.
 */
public final class Warehouses {
  /**
   * Schemes with an atomic create-if-absent, as the pointer commit needs: HDFS's rename, S3's
   * conditional PUT.
   */
  private static final Set<String> POINTER_SCHEMES = Set.of("hdfs", "viewfs", "s3a");

  private Warehouses() {}

  /** The warehouse as a local path, or {@code null} when it is on a Hadoop file system. */
  public static Path localPath(String warehouse) {
    URI uri = new org.apache.hadoop.fs.Path(warehouse).toUri();
    boolean local = uri.getScheme() == null || uri.getScheme().equals("file");
    return local ? Path.of(uri.getPath()) : null;
  }

  /** True when the warehouse is on a Hadoop file system, published through pointers. */
  public static boolean isRemote(String warehouse) {
    return localPath(warehouse) == null;
  }

  /**
   * Rejects a warehouse on a file system whose commit this project cannot make atomic; returns the
   * folder local readers use: the warehouse itself, or its local copy.
   */
  public static Path checked(String warehouse) {
    Path local = localPath(warehouse);
    if (local != null) {
      return local.toAbsolutePath();
    }
    String scheme = new org.apache.hadoop.fs.Path(warehouse).toUri().getScheme();
    if (!POINTER_SCHEMES.contains(scheme)) {
      throw new InvalidArgument(
          "--warehouse "
              + warehouse
              + ": "
              + scheme
              + ":// is not supported as a warehouse; use a POSIX folder, hdfs:// or s3a:// (the"
              + " commit needs an atomic create-if-absent of its pointer; README, Warehouse on"
              + " HDFS or S3)");
    }
    return localCopy(warehouse);
  }

  /**
   * The local copy of a remote warehouse: {@code <cache>/warehouses/<uri as a name>}, where the
   * cache is the {@code green.cache} system property, else {@code ~/.cache/green}.
   */
  public static Path localCopy(String warehouse) {
    String cache =
        System.getProperty("green.cache", System.getProperty("user.home") + "/.cache/green");
    String name = warehouse.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^_+|_+$", "");
    return Path.of(cache).resolve("warehouses").resolve(name).toAbsolutePath();
  }

  /**
   * The Hadoop configuration commands use outside Spark: Hadoop's defaults and site files, plus
   * every {@code spark.hadoop.*} system property (as Spark itself applies them), so that S3
   * endpoints and credentials given to Spark reach every command.
   */
  public static Configuration hadoopConf() {
    Configuration conf = new Configuration();
    System.getProperties()
        .stringPropertyNames()
        .forEach(
            name -> {
              if (name.startsWith("spark.hadoop.")) {
                conf.set(name.substring("spark.hadoop.".length()), System.getProperty(name));
              }
            });
    return conf;
  }

  /**
   * The folder local readers use for {@code warehouse}: itself when local; else its local copy,
   * first brought up to date with every version of {@code periods} (every period when null).
   */
  public static Path readable(String warehouse, Configuration conf, List<String> periods) {
    Path local = checked(warehouse);
    if (!isRemote(warehouse)) {
      return local;
    }
    PointerPublications remote = new PointerPublications(warehouse, conf);
    WarehouseRoot.mark(local);
    try (WarehouseLock lock = WarehouseLock.acquire(local, "copy of " + warehouse)) {
      remote.copyInto(local, periods != null ? periods : remote.periods());
    }
    return local;
  }
}
