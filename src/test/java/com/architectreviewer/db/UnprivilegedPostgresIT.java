package com.architectreviewer.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.architectreviewer.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The root fallback of the embedded default: PostgreSQL run as {@code nobody} through setpriv
 * initialises, serves, stops and keeps its data across a restart.
 */
class UnprivilegedPostgresIT {

  @Test
  void runsAsNobodyAndKeepsDataAcrossARestart() throws Exception {
    assumeTrue(UnprivilegedPostgres.available(), "only as root with setpriv (CI runs as root)");
    TestDatabase.serverUrl(); // makes zonky extract its binaries
    Path bin = UnprivilegedPostgres.extractedBinaries().orElseThrow();
    Path directory =
        Files.createTempDirectory(
            "reviewer-unprivileged",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Path pgData = directory.resolve("postgres");
    int port = FreePort.onLoopback();
    try {
      try (var postgres = UnprivilegedPostgres.start(bin, pgData, "127.0.0.1", port)) {
        execute(port, "CREATE TABLE kept (v text)");
        execute(port, "INSERT INTO kept VALUES ('across restarts')");
        assertThat(query(port, "SELECT usename FROM pg_stat_activity WHERE pid = pg_backend_pid()"))
            .isEqualTo("postgres");
      }
      assertThat(Files.getOwner(pgData).getName()).isIn("nobody", UnprivilegedPostgres.NOBODY);
      try (var postgres = UnprivilegedPostgres.start(bin, pgData, "127.0.0.1", port)) {
        assertThat(query(port, "SELECT v FROM kept")).isEqualTo("across restarts");
      }
    } finally {
      try (Stream<Path> paths = Files.walk(directory)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private static String url(int port) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  private static void execute(int port, String sql) throws SQLException {
    try (var connection = DriverManager.getConnection(url(port));
        var statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static String query(int port, String sql) throws SQLException {
    try (var connection = DriverManager.getConnection(url(port));
        var statement = connection.createStatement();
        var rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
