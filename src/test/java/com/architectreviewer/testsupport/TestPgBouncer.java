package com.architectreviewer.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * A real PgBouncer (Debian's {@code pgbouncer}) in transaction mode on a free loopback port, in
 * front of a given PostgreSQL. Skipped with a visible reason when pgbouncer is not installed, a
 * failure under {@code CI=true}. As root it runs as the {@code postgres} user (PgBouncer refuses
 * root). {@link #stop()} and {@link #start()} simulate a pooler restart on the same port.
 */
public final class TestPgBouncer implements AutoCloseable {

  private final Path program;
  private final Path directory;
  private final int port;
  private Process process;

  private TestPgBouncer(Path program, Path directory, int port) {
    this.program = program;
    this.directory = directory;
    this.port = port;
  }

  /** Starts PgBouncer with {@code default_pool_size} server connections per database and user. */
  public static TestPgBouncer startInFrontOf(int postgresPort, int defaultPoolSize) {
    Path program = ExternalTool.require("pgbouncer", "pgbouncer");
    try {
      Path directory = Files.createTempDirectory("reviewer-test-pgbouncer");
      int port = TestPostgres.freePort();
      Files.writeString(
          directory.resolve("pgbouncer.ini"),
          """
          [databases]
          * = host=127.0.0.1 port=%d
          [pgbouncer]
          listen_addr = 127.0.0.1
          listen_port = %d
          unix_socket_dir =
          auth_type = trust
          auth_file = %s
          pool_mode = transaction
          default_pool_size = %d
          max_client_conn = 500
          ignore_startup_parameters = extra_float_digits
          logfile = %s
          """
              .formatted(
                  postgresPort,
                  port,
                  directory.resolve("userlist.txt"),
                  defaultPoolSize,
                  directory.resolve("pgbouncer.log")));
      Files.writeString(directory.resolve("userlist.txt"), "\"postgres\" \"\"\n");
      var bouncer = new TestPgBouncer(program, directory, port);
      if (runsAsRoot()) {
        bouncer.chownToPostgres();
      }
      bouncer.start();
      return bouncer;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  /** Starts PgBouncer (again) and waits until it accepts connections. */
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      return;
    }
    var command = new ArrayList<String>();
    command.add(program.toString());
    if (runsAsRoot()) {
      command.add("-u");
      command.add("postgres");
    }
    command.add(directory.resolve("pgbouncer.ini").toString());
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(directory.resolve("stdout.log").toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("pgbouncer did not start", e);
    }
    Awaitility.await("pgbouncer accepting connections on port " + port)
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(this::accepting);
  }

  /** Stops PgBouncer: every client connection is dropped. */
  public synchronized void stop() {
    if (process != null) {
      process.destroy();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  private boolean accepting() {
    if (process == null || !process.isAlive()) {
      throw new IllegalStateException(
          "pgbouncer exited; see " + directory.resolve("pgbouncer.log"));
    }
    try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean runsAsRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private void chownToPostgres() throws IOException {
    UserPrincipal postgres =
        directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.toList()) {
        Files.setOwner(path, postgres);
      }
    }
  }

  @Override
  public void close() {
    stop();
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
