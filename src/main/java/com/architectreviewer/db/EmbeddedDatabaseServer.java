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
 * it cannot stop the server under a closing pool.
 */
final class EmbeddedDatabaseServer implements DatabaseServer {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseServer.class);

  private final EmbeddedPostgres postgres;
  private final DatabaseUrl url;

  private EmbeddedDatabaseServer(EmbeddedPostgres postgres, String host) {
    this.postgres = postgres;
    this.url = DatabaseUrl.local(host, postgres.getPort(), "postgres", "postgres");
  }

  static EmbeddedDatabaseServer start(Path dataDirectory, String listenAddress, int port) {
    Path pgData = dataDirectory.resolve("postgres").toAbsolutePath();
    try {
      Files.createDirectories(pgData);
      log.info("Starting the embedded PostgreSQL with its data in {}", pgData);
      var builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(pgData)
              .setCleanDataDirectory(false)
              .setRegisterShutdownHook(false)
              .setServerConfig("listen_addresses", listenAddress);
      if (port > 0) {
        builder.setPort(port);
      }
      var server = new EmbeddedDatabaseServer(builder.start(), connectHost(listenAddress));
      log.info(
          "Embedded PostgreSQL listening on {}:{} (data in {})",
          listenAddress,
          server.postgres.getPort(),
          pgData);
      return server;
    } catch (IOException | RuntimeException e) {
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
                + " (unshare -U) work here; run the reviewer as an ordinary user, or enable user"
                + " namespaces, or set DATABASE_URL to an external PostgreSQL."
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
      postgres.close();
      log.info("Embedded PostgreSQL stopped");
    } catch (IOException e) {
      log.warn(
          "The embedded PostgreSQL did not stop cleanly; it will recover its data at the next start",
          e);
    }
  }
}
