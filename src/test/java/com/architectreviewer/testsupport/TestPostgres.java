package com.architectreviewer.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A dedicated PostgreSQL for fault tests: its own data directory and loopback port, so a test can
 * stop and start it (or terminate its backends) without touching the shared {@link TestDatabase}.
 * {@link #stop()} keeps the data; {@link #start()} brings the same server back on the same port.
 */
public final class TestPostgres implements AutoCloseable {

  private final Path dataDirectory;
  private final int port;
  private EmbeddedPostgres postgres;

  private TestPostgres(Path dataDirectory, int port) {
    this.dataDirectory = dataDirectory;
    this.port = port;
  }

  /** Starts a new server on a free loopback port. */
  public static TestPostgres start() {
    try {
      var server = new TestPostgres(Files.createTempDirectory("reviewer-test-pg"), freePort());
      server.startServer();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A free TCP port on 127.0.0.1. */
  public static int freePort() {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  /** {@code postgres://postgres@127.0.0.1:PORT/postgres} plus the given query ("" for none). */
  public String url(String query) {
    return "postgres://postgres@127.0.0.1:"
        + port
        + "/postgres"
        + (query.isEmpty() ? "" : "?" + query);
  }

  /** JDBC URL (with user) of the {@code postgres} database, for test-side queries. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:"
        + port
        + "/postgres?user=postgres&ApplicationName=test-probe";
  }

  /** Stops the server, keeping its data. */
  public synchronized void stop() {
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      postgres = null;
    }
  }

  /** Starts the server again on the same port with the same data. */
  public synchronized void restart() {
    if (postgres == null) {
      startServer();
    }
  }

  /** Terminates every backend of the given {@code application_name}; returns how many. */
  public int terminateBackends(String applicationName) {
    try (var connection = DriverManager.getConnection(jdbcUrl());
        var statement =
            connection.prepareStatement(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE application_name = ?")) {
      statement.setString(1, applicationName);
      try (var rows = statement.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not terminate backends", e);
    }
  }

  /** Connections of the given {@code application_name} right now. */
  public int connections(String applicationName) {
    try (var connection = DriverManager.getConnection(jdbcUrl());
        var statement =
            connection.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
      statement.setString(1, applicationName);
      try (var rows = statement.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not count connections", e);
    }
  }

  private void startServer() {
    try {
      postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setServerConfig("listen_addresses", "127.0.0.1")
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("The dedicated test PostgreSQL did not start", e);
    }
  }

  @Override
  public void close() {
    stop();
    try (Stream<Path> paths = Files.walk(dataDirectory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
