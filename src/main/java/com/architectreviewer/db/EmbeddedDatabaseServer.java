package com.architectreviewer.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: real PostgreSQL binaries, data kept in the data directory across restarts.
 */
final class EmbeddedDatabaseServer implements DatabaseServer {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseServer.class);

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabaseServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static EmbeddedDatabaseServer start(Path dataDirectory) {
    try {
      Path pgData = dataDirectory.resolve("postgres").toAbsolutePath();
      Files.createDirectories(pgData);
      log.info("Starting the embedded PostgreSQL with its data in {}", pgData);
      var postgres =
          EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false).start();
      return new EmbeddedDatabaseServer(postgres);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "The embedded PostgreSQL did not start; set DATABASE_URL to use an external server", e);
    }
  }

  @Override
  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
  }

  @Override
  public String user() {
    return "postgres";
  }

  @Override
  public String password() {
    return "";
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      log.warn(
          "The embedded PostgreSQL did not stop cleanly; it will be recovered at the next start",
          e);
    }
  }
}
