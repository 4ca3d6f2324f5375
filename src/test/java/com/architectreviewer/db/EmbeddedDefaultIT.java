package com.architectreviewer.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.testsupport.TestPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default, as a user runs it: {@code java -jar target/reviewer.jar serve} with no
 * DATABASE_URL starts PostgreSQL, migrates, answers health UP, stops PostgreSQL with itself, and
 * keeps its data across a restart.
 */
class EmbeddedDefaultIT {

  private static final Path JAR = Path.of("target", "reviewer.jar");

  @TempDir Path dataDirectory;
  private final List<Process> started = new ArrayList<>();
  private final int pgPort = TestPostgres.freePort();

  @AfterEach
  void stopLeftovers() throws Exception {
    for (var process : started) {
      if (process.isAlive()) {
        process.destroy();
        process.waitFor(60, TimeUnit.SECONDS);
      }
    }
    // A PostgreSQL a killed serve left behind, if a test failed before a serve stopped it.
    var orphan = DataDirectoryLock.runningServer(dataDirectory.resolve("data").resolve("postgres"));
    if (orphan.isPresent()) {
      orphan.get().destroy();
      orphan.get().onExit().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void serveWithoutConfigurationRunsOnTheEmbeddedDatabaseAndKeepsData() throws Exception {
    assertThat(JAR).as("the jar is built by the package phase").exists();

    var first = serve("first");
    assertThat(count("SELECT count(*) FROM flyway_schema_history WHERE success")).isPositive();
    int migrations = count("SELECT count(*) FROM flyway_schema_history");
    assertThat(text("SHOW listen_addresses")).isEqualTo("127.0.0.1");
    execute("INSERT INTO tenants (id, name) VALUES (gen_random_uuid(), 'kept-across-restarts')");
    stop(first);
    assertThat(accepting(pgPort)).as("PostgreSQL stopped together with serve").isFalse();

    var second = serve("second");
    assertThat(count("SELECT count(*) FROM tenants WHERE name = 'kept-across-restarts'")).isOne();
    assertThat(count("SELECT count(*) FROM flyway_schema_history")).isEqualTo(migrations);
    stop(second);
    assertThat(accepting(pgPort)).isFalse();
  }

  /**
   * {@code kill -9} of serve leaves its PostgreSQL running on the data directory (a process of its
   * own). A second serve on the directory while the first lives is refused with a clear message;
   * after the kill, the next serve stops the orphaned server and starts with the data intact.
   */
  @Test
  void serveAfterAKillMinus9StopsThePostgresLeftRunningAndStarts() throws Exception {
    var first = serve("to-be-killed");
    execute("INSERT INTO tenants (id, name) VALUES (gen_random_uuid(), 'kept-across-kill-9')");

    var intruder = start("intruder");
    assertThat(intruder.waitFor(2, TimeUnit.MINUTES)).as("a second serve gives up").isTrue();
    assertThat(intruder.exitValue()).isNotZero();
    assertThat(Files.readString(dataDirectory.resolve("intruder.log")))
        .contains("Another Architect Reviewer process uses the data directory");
    assertThat(first.isAlive()).isTrue();

    first.destroyForcibly();
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(accepting(pgPort)).as("PostgreSQL outlives a JVM killed with -9").isTrue();

    var second = serve("after-kill-9");
    assertThat(Files.readString(dataDirectory.resolve("after-kill-9.log")))
        .contains("is still running on")
        .contains("The orphaned PostgreSQL (pid");
    assertThat(count("SELECT count(*) FROM tenants WHERE name = 'kept-across-kill-9'")).isOne();
    stop(second);
    assertThat(accepting(pgPort)).as("PostgreSQL stopped together with serve").isFalse();
  }

  private Process serve(String name) throws IOException {
    int httpPort = TestPostgres.freePort();
    Path log = dataDirectory.resolve(name + ".log");
    var process = start(name, httpPort);
    try (var http = HttpClient.newHttpClient()) {
      var health =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health"))
              .timeout(Duration.ofSeconds(5))
              .build();
      Awaitility.await("serve (" + name + ") answers /actuator/health UP; log in " + log)
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptions()
          .failFast("serve exited; log: " + tail(log), () -> !process.isAlive())
          .until(() -> {
            var response = http.send(health, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
          });
    }
    return process;
  }

  private Process start(String name) throws IOException {
    return start(name, TestPostgres.freePort());
  }

  private Process start(String name, int httpPort) throws IOException {
    Path log = dataDirectory.resolve(name + ".log");
    var builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString(),
                "serve",
                "--port",
                Integer.toString(httpPort))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().remove("DATABASE_URL");
    builder.environment().remove("DIRECT_URL");
    builder.environment().put("REVIEWER_DATA_DIR", dataDirectory.resolve("data").toString());
    builder.environment().put("REVIEWER_DB_EMBEDDEDPORT", Integer.toString(pgPort));
    var process = builder.start();
    started.add(process);
    return process;
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
  }

  private static String tail(Path log) {
    try {
      String text = Files.readString(log);
      return text.substring(Math.max(0, text.length() - 3000));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static boolean accepting(int port) {
    try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres?user=postgres";
  }

  private int count(String sql) throws SQLException {
    return Integer.parseInt(text(sql));
  }

  private String text(String sql) throws SQLException {
    try (var connection = DriverManager.getConnection(jdbcUrl());
        var statement = connection.createStatement();
        var rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }

  private void execute(String sql) throws SQLException {
    try (var connection = DriverManager.getConnection(jdbcUrl());
        var statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
