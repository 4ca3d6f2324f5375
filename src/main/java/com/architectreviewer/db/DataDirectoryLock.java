package com.architectreviewer.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process at a time owns a data directory of the embedded default, and a PostgreSQL that an
 * earlier owner left running is stopped before the next start.
 *
 * <p>The embedded PostgreSQL is a process of its own: when the JVM that started it dies without
 * stopping it ({@code kill -9}, the OOM killer), it keeps running on the data directory, and the
 * next {@code serve} failed on PostgreSQL's {@code postmaster.pid} until someone found and killed
 * it by hand. The owner holds an operating-system lock on {@code reviewer.lock} in the data
 * directory for its lifetime; the kernel releases it when the process dies, however it dies. So a
 * process that gets the lock knows that a PostgreSQL still running on the directory has no owner,
 * and stops it; a process that does not get it is told that another one uses the directory.
 */
final class DataDirectoryLock implements AutoCloseable {

  static final String LOCK_FILE = "reviewer.lock";
  private static final Duration ORPHAN_SHUTDOWN = Duration.ofSeconds(30);
  private static final Logger log = LoggerFactory.getLogger(DataDirectoryLock.class);

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the directory's lock, or fails naming the directory when another live process holds it.
   */
  static DataDirectoryLock acquire(Path dataDirectory) throws IOException {
    Files.createDirectories(dataDirectory);
    Path file = dataDirectory.resolve(LOCK_FILE);
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new IllegalStateException(
          "Another Architect Reviewer process uses the data directory "
              + dataDirectory.toAbsolutePath()
              + " (it holds "
              + file.toAbsolutePath()
              + "); stop it, or set REVIEWER_DATA_DIR to another directory, or set DATABASE_URL");
    }
    return new DataDirectoryLock(channel, lock);
  }

  /**
   * Stops a PostgreSQL that runs on {@code pgData} although no process owns the directory: its
   * {@code postmaster.pid} names this directory and a live {@code postgres} process. A stale file
   * without a live process is left to PostgreSQL, which removes it itself. Call only while holding
   * the lock.
   */
  void stopOrphanedServer(Path pgData) throws IOException {
    Optional<ProcessHandle> orphan = runningServer(pgData);
    if (orphan.isEmpty()) {
      return;
    }
    ProcessHandle postmaster = orphan.get();
    log.warn(
        "An embedded PostgreSQL (pid {}) is still running on {}, left by a process that ended"
            + " without stopping it; stopping it before starting again",
        postmaster.pid(),
        pgData);
    // SIGTERM: PostgreSQL's smart shutdown, whose clients died with their process.
    postmaster.destroy();
    try {
      postmaster.onExit().get(ORPHAN_SHUTDOWN.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "The embedded PostgreSQL left running on "
              + pgData
              + " (pid "
              + postmaster.pid()
              + ") did not stop within "
              + ORPHAN_SHUTDOWN.toSeconds()
              + " s; stop it, then start again");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while stopping the orphaned PostgreSQL", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    log.info("The orphaned PostgreSQL (pid {}) stopped", postmaster.pid());
  }

  /** The live postmaster whose {@code postmaster.pid} names {@code pgData}, if any. */
  static Optional<ProcessHandle> runningServer(Path pgData) throws IOException {
    Path pidFile = pgData.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.size() < 2) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).strip());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    Path named = Path.of(lines.get(1).strip());
    if (!Files.exists(named) || !Files.isSameFile(named, pgData)) {
      return Optional.empty();
    }
    // The pid may have been reused by an unrelated process since: only a postgres is stopped.
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(process ->
            process.info().command().map(command -> command.endsWith("postgres")).orElse(false));
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      log.debug("Releasing the data directory lock failed", e);
    }
  }
}
