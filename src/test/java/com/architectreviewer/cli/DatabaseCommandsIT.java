package com.architectreviewer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.testsupport.TestPgBouncer;
import com.architectreviewer.testsupport.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code reviewer migrate} as a user runs it (the jar): behind a pooler it migrates over
 * DIRECT_URL, and without DIRECT_URL it stops with one line saying to set it, exit code 2.
 */
class DatabaseCommandsIT {

  private static final Path JAR = Path.of("target", "reviewer.jar");
  private static final String PASSWORD = "N0tInLogs";

  private static TestPostgres postgres;
  private static TestPgBouncer pgbouncer;

  @BeforeAll
  static void startServers() throws SQLException {
    postgres = TestPostgres.start();
    pgbouncer = TestPgBouncer.startInFrontOf(postgres.port(), 4);
    try (var connection = DriverManager.getConnection(postgres.jdbcUrl());
        var statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE directdb");
    }
  }

  @AfterAll
  static void stopServers() {
    if (pgbouncer != null) {
      pgbouncer.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  private record Run(int exitCode, String output) {}

  private static Run migrate(String databaseUrl, String directUrl) throws Exception {
    var builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString(),
                "migrate")
            .redirectErrorStream(true);
    builder.environment().put("DATABASE_URL", databaseUrl);
    if (directUrl == null) {
      builder.environment().remove("DIRECT_URL");
    } else {
      builder.environment().put("DIRECT_URL", directUrl);
    }
    var process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
    return new Run(process.exitValue(), output);
  }

  private static String pooledUrl() {
    return "postgres://postgres:"
        + PASSWORD
        + "@127.0.0.1:"
        + pgbouncer.port()
        + "/postgres?pgbouncer=true&application_name=migrate-it";
  }

  @Test
  void poolerWithoutDirectUrlIsAOneLineErrorWithExitCode2() throws Exception {
    var run = migrate(pooledUrl(), null);
    assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
    assertThat(run.output())
        .contains("reviewer: DIRECT_URL is not usable")
        .contains("set DIRECT_URL");
    assertThat(run.output()).doesNotContain(PASSWORD).doesNotContain("\tat ");
  }

  @Test
  void migratesOverTheDirectUrlNotThroughThePooler() throws Exception {
    var run =
        migrate(
            pooledUrl(),
            "postgres://postgres:" + PASSWORD + "@127.0.0.1:" + postgres.port() + "/directdb");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).doesNotContain(PASSWORD);
    assertThat(historyTables("directdb")).as("migrated over DIRECT_URL").isOne();
    assertThat(historyTables("postgres")).as("nothing migrated through PgBouncer").isZero();
  }

  private static int historyTables(String database) throws SQLException {
    String url =
        "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + database + "?user=postgres";
    try (var connection = DriverManager.getConnection(url);
        var statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                "SELECT count(*) FROM pg_tables WHERE tablename = 'flyway_schema_history'")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
