package org.benxi.green.jobs.spark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.SparkEnv;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.artifact.ArtifactManager$;
import org.apache.spark.util.ShutdownHookManager;
import org.benxi.green.jobs.publish.Publications;
import scala.Option;

/**
 * The driver's Spark temporary folders (block manager, user files, artifacts), deleted through
 * java.nio when the session stops. Spark deletes each with a forked {@code rm -rf} on every Unix
 * ({@code JavaUtils.deleteRecursively}) and has no setting against it. The block manager's and the
 * user files' live under one root of this JVM ({@code spark.local.dir}), which Spark's shutdown
 * hook still deletes if the JVM ends without {@link #stop}.
 */
public final class SparkTempFolders {
  private static Path root;

  private SparkTempFolders() {}

  /**
   * The folder for {@code spark.local.dir}, created on first use. Registered with Spark's shutdown
   * hook, so that the block manager leaves its folders under it to be deleted with it.
   */
  static synchronized String root() {
    if (root == null) {
      try {
        root = Files.createTempDirectory("green-spark-");
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create Spark's temporary folder", e);
      }
      ShutdownHookManager.registerShutdownDeleteDir(root.toFile());
    }
    return root.toString();
  }

  /**
   * Stops {@code spark}, then deletes the root and the artifacts folder and unregisters every
   * folder in them from Spark's shutdown hook. A folder that cannot be deleted stays registered,
   * for Spark to delete at exit.
   */
  public static synchronized void stop(SparkSession spark) {
    SparkEnv env = SparkEnv.get();
    if (env != null
        && root != null
        && env.driverTmpDir().exists(d -> Path.of(d).startsWith(root))) {
      env.driverTmpDir_$eq(Option.apply(null)); // deleted below, with the root
    }
    Path artifacts = ArtifactManager$.MODULE$.artifactRootDirectory();
    spark.stop();
    if (root != null) {
      delete(root);
      root = null;
    }
    delete(artifacts);
  }

  private static void delete(Path tree) {
    if (!Files.isDirectory(tree)) {
      return;
    }
    List<File> folders;
    try {
      try (Stream<Path> walk = Files.walk(tree)) {
        folders = walk.filter(Files::isDirectory).map(Path::toFile).toList();
      }
      Publications.deleteTree(tree);
    } catch (IOException | UncheckedIOException e) {
      return; // left registered: Spark's shutdown hook deletes it
    }
    folders.forEach(ShutdownHookManager::removeShutdownDeleteDir);
  }
}
