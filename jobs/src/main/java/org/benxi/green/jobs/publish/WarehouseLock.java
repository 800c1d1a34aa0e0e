package org.benxi.green.jobs.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One publishing run per warehouse: an OS lock on {@code <warehouse>/.lock}, which also names its
 * holder. The operating system releases the lock when the holder dies, even by kill -9; the holder
 * text it leaves behind is then reported as a stale lock and overwritten.
 */
public final class WarehouseLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;
  private final String staleHolder;

  private WarehouseLock(FileChannel channel, FileLock lock, String staleHolder) {
    this.channel = channel;
    this.lock = lock;
    this.staleHolder = staleHolder;
  }

  /** Another live process holds the warehouse. */
  public static final class Busy extends IllegalStateException {
    Busy(String message) {
      super(message);
    }
  }

  /** Takes the lock for {@code runId}, or fails at once with who holds it. */
  public static WarehouseLock acquire(Path warehouse, String runId) {
    try {
      Files.createDirectories(warehouse);
      Path file = warehouse.resolve(".lock");
      FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException sameProcess) {
        lock = null;
      }
      String holder = read(channel);
      if (lock == null) {
        for (int wait = 0; holder.isBlank() && wait < 20; wait++) {
          sleep(); // the holder has the lock but has not yet written its name
          holder = read(channel);
        }
        channel.close();
        throw new Busy(
            warehouse
                + " is being published by "
                + (holder.isBlank() ? "another process" : holder)
                + "; wait for that run to finish, then try again");
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              String.format(
                      "run %s (pid %d on %s, since %s)",
                      runId, ProcessHandle.current().pid(), host(), Instant.now())
                  .getBytes(StandardCharsets.UTF_8)),
          0);
      channel.force(true);
      return new WarehouseLock(channel, lock, holder.isBlank() ? null : holder);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot lock " + warehouse + ": " + e.getMessage(), e);
    }
  }

  /** The holder text of a lock whose process died without releasing it, or {@code null}. */
  public String staleHolder() {
    return staleHolder;
  }

  /** Empties the holder text and releases the lock. */
  @Override
  public void close() {
    try {
      channel.truncate(0);
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot release the warehouse lock", e);
    }
  }

  private static String read(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
    channel.read(buffer, 0);
    return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).trim();
  }

  private static void sleep() {
    try {
      Thread.sleep(25);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown host";
    }
  }
}
