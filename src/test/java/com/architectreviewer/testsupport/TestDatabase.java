package com.architectreviewer.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for tests: the embedded binaries started once per test JVM, or the server named
 * by {@code TEST_DATABASE_URL} (a {@code jdbc:postgresql://host:port/db?user=...} URL). Each call
 * of {@link #freshDatabase()} creates an empty database, so test classes never see each other's
 * rows.
 */
public final class TestDatabase {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static volatile EmbeddedPostgres shared;

  private TestDatabase() {}

  /** JDBC URL (with user) of the server's maintenance database. */
  public static synchronized String serverUrl() {
    String external = System.getenv("TEST_DATABASE_URL");
    if (external != null && !external.isBlank()) {
      return external;
    }
    if (shared == null) {
      try {
        shared = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("The embedded PostgreSQL for tests did not start", e);
      }
    }
    return "jdbc:postgresql://localhost:" + shared.getPort() + "/postgres?user=postgres";
  }

  /** Creates a new empty database and returns its JDBC URL (with user). */
  public static String freshDatabase() {
    String server = serverUrl();
    String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    // Test set-up only: the application itself never opens connections outside the db module.
    try (var connection = DriverManager.getConnection(server);
        var statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create test database " + name, e);
    }
    return withDatabase(server, name);
  }

  static String withDatabase(String url, String database) {
    int query = url.indexOf('?');
    String base = query < 0 ? url : url.substring(0, query);
    String params = query < 0 ? "" : url.substring(query);
    return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
  }
}
