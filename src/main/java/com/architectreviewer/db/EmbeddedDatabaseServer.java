package com.architectreviewer.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: real PostgreSQL binaries, data kept in the data directory across restarts,
 * listening on loopback unless told otherwise. It is stopped by {@link #close()}, which Spring
 * calls after the pool and everything that uses it are closed; zonky's own shutdown hook is off so
 * it cannot stop the server under a closing pool. As root where zonky's {@code unshare -U} is
 * blocked, PostgreSQL runs as {@code nobody} instead ({@link UnprivilegedPostgres}).
 */
final class EmbeddedDatabaseServer implements DatabaseServer {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseServer.class);

  private final AutoCloseable server;
  private final DatabaseUrl url;
  private DataDirectoryLock lock;

  private EmbeddedDatabaseServer(AutoCloseable server, String host, int port) {
    this.server = server;
    this.url = DatabaseUrl.local(host, port, "postgres", "postgres");
  }

  /**
   * Starts PostgreSQL on {@code dataDirectory/postgres}, owning the directory until {@link
   * #close()} (see {@link DataDirectoryLock}: a server an earlier owner left running is stopped
   * first).
   */
  static EmbeddedDatabaseServer start(Path dataDirectory, String listenAddress, int port) {
    Path pgData = dataDirectory.resolve("postgres").toAbsolutePath();
    DataDirectoryLock lock;
    try {
      lock = DataDirectoryLock.acquire(dataDirectory.toAbsolutePath());
    } catch (IOException e) {
      throw new IllegalStateException(failureAdvice(pgData), e);
    }
    try {
      EmbeddedDatabaseServer server = start(lock, pgData, listenAddress, port);
      server.lock = lock;
      return server;
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private static EmbeddedDatabaseServer start(
      DataDirectoryLock lock, Path pgData, String listenAddress, int port) {
    try {
      Files.createDirectories(pgData);
      lock.stopOrphanedServer(pgData);
    } catch (IOException e) {
      throw new IllegalStateException(failureAdvice(pgData), e);
    }
    EmbeddedDatabaseServer server;
    try {
      log.info("Starting the embedded PostgreSQL with its data in {}", pgData);
      server = startWithZonky(pgData, listenAddress, port);
    } catch (IOException | RuntimeException e) {
      server = fallBack(pgData, listenAddress, port, e);
    }
    log.info(
        "Embedded PostgreSQL listening on {}:{} (data in {})",
        listenAddress,
        server.url.port(),
        pgData);
    return server;
  }

  private static EmbeddedDatabaseServer startWithZonky(Path pgData, String listenAddress, int port)
      throws IOException {
    var builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(pgData)
            .setCleanDataDirectory(false)
            .setRegisterShutdownHook(false)
            .setServerConfig("listen_addresses", listenAddress);
    if (port > 0) {
      builder.setPort(port);
    }
    var postgres = builder.start();
    return new EmbeddedDatabaseServer(postgres, connectHost(listenAddress), postgres.getPort());
  }

  private static EmbeddedDatabaseServer fallBack(
      Path pgData, String listenAddress, int port, Exception failure) {
    var binaries = UnprivilegedPostgres.extractedBinaries();
    if (!UnprivilegedPostgres.available() || binaries.isEmpty()) {
      throw new IllegalStateException(failureAdvice(pgData), failure);
    }
    log.warn(
        "The embedded PostgreSQL did not start as root ({}); user namespaces are probably blocked."
            + " Running it as user nobody through setpriv instead.",
        failure.getClass().getSimpleName());
    int chosen = port > 0 ? port : FreePort.onLoopback();
    try {
      var postgres = UnprivilegedPostgres.start(binaries.get(), pgData, listenAddress, chosen);
      return new EmbeddedDatabaseServer(postgres, connectHost(listenAddress), chosen);
    } catch (RuntimeException e) {
      e.addSuppressed(failure);
      throw new IllegalStateException(failureAdvice(pgData), e);
    }
  }

  private static String connectHost(String listenAddress) {
    String first = listenAddress.split(",")[0].strip();
    return first.equals("*") || first.equals("0.0.0.0") || first.isEmpty() ? "127.0.0.1" : first;
  }

  private static String failureAdvice(Path pgData) {
    boolean root = "root".equals(System.getProperty("user.name"));
    return "The embedded PostgreSQL did not start (data directory "
        + pgData
        + "). "
        + (root
            ? "This process runs as root, which PostgreSQL refuses unless user namespaces"
                + " (unshare -U) work or setpriv can run it as nobody (every parent directory of"
                + " the data directory must then be traversable by nobody); run the reviewer as an"
                + " ordinary user, or set REVIEWER_DATA_DIR to such a directory, or set"
                + " DATABASE_URL to an external PostgreSQL."
            : "Check that the data directory is writable and not used by another PostgreSQL,"
                + " or set DATABASE_URL to an external PostgreSQL.");
  }

  @Override
  public DatabaseUrl url() {
    return url;
  }

  @Override
  public DatabaseUrl directUrl() {
    return url;
  }

  @Override
  public void close() {
    try {
      server.close();
      log.info("Embedded PostgreSQL stopped");
    } catch (Exception e) {
      log.warn(
          "The embedded PostgreSQL did not stop cleanly; it will recover its data at the next start",
          e);
    } finally {
      if (lock != null) {
        lock.close();
      }
    }
  }
}
