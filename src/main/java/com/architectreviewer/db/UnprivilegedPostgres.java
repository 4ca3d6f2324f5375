package com.architectreviewer.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL run as the unprivileged user {@code nobody} through {@code setpriv}: the fallback when
 * the process is root and zonky's {@code unshare -U} is blocked (common in containers), where
 * {@code initdb} refuses to run as root. Uses the binaries zonky already extracted; the data
 * directory is handed to {@code nobody}, and every parent directory must be traversable by it.
 */
final class UnprivilegedPostgres implements AutoCloseable {

  static final String NOBODY = "65534";
  private static final Logger log = LoggerFactory.getLogger(UnprivilegedPostgres.class);
  private static final long COMMAND_TIMEOUT_SECONDS = 120;

  private final Path bin;
  private final Path pgData;
  private final int port;

  private UnprivilegedPostgres(Path bin, Path pgData, int port) {
    this.bin = bin;
    this.pgData = pgData;
    this.port = port;
  }

  /** True when this process is root and {@code setpriv} is installed. */
  static boolean available() {
    return "root".equals(System.getProperty("user.name"))
        && Files.isExecutable(Path.of("/usr/bin/setpriv"));
  }

  /** The newest PostgreSQL binaries zonky extracted (its working directory), if any. */
  static Optional<Path> extractedBinaries() {
    Path working =
        Path.of(
            System.getProperty(
                "ot.epg.working-dir",
                Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString()));
    if (!Files.isDirectory(working)) {
      return Optional.empty();
    }
    try (Stream<Path> candidates = Files.list(working)) {
      return candidates
          .map(dir -> dir.resolve("bin"))
          .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
          .max(Comparator.comparing(UnprivilegedPostgres::modified));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Initialises the data directory when it is new, then starts the server and waits for it. */
  static UnprivilegedPostgres start(Path bin, Path pgData, String listenAddress, int port) {
    try {
      Files.createDirectories(pgData);
      Files.setPosixFilePermissions(
          pgData,
          java.util.Set.of(
              PosixFilePermission.OWNER_READ,
              PosixFilePermission.OWNER_WRITE,
              PosixFilePermission.OWNER_EXECUTE));
      run(List.of("chown", "-R", NOBODY + ":" + NOBODY, pgData.toString()), false);
      if (!Files.exists(pgData.resolve("PG_VERSION"))) {
        // zonky's lock file from the failed attempt would make initdb refuse a non-empty directory
        Files.deleteIfExists(pgData.resolve("epg-lock"));
        log.info("Initialising {} as user nobody", pgData);
        run(
            List.of(
                bin.resolve("initdb").toString(),
                "-D",
                pgData.toString(),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C"),
            true);
      }
      var postgres = new UnprivilegedPostgres(bin, pgData, port);
      run(
          List.of(
              bin.resolve("pg_ctl").toString(),
              "-D",
              pgData.toString(),
              "-l",
              pgData.resolve("server.log").toString(),
              "-w",
              "-t",
              Long.toString(COMMAND_TIMEOUT_SECONDS),
              "-o",
              "-p " + port + " -F -c listen_addresses=" + listenAddress,
              "start"),
          true);
      return postgres;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return port;
  }

  @Override
  public void close() {
    try {
      run(
          List.of(
              bin.resolve("pg_ctl").toString(),
              "-D",
              pgData.toString(),
              "-m",
              "fast",
              "-w",
              "stop"),
          true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void run(List<String> command, boolean asNobody) throws IOException {
    var full = new ArrayList<String>();
    if (asNobody) {
      full.addAll(
          List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
    }
    full.addAll(command);
    var process = new ProcessBuilder(full).redirectErrorStream(true).start();
    String output;
    try {
      output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(
            command.get(0) + " did not finish in " + COMMAND_TIMEOUT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.get(0), e);
    }
    if (process.exitValue() != 0) {
      throw new IOException(
          Path.of(command.get(0)).getFileName()
              + " failed (exit "
              + process.exitValue()
              + "): "
              + output.strip());
    }
  }

  private static long modified(Path path) {
    try {
      return Files.getLastModifiedTime(path).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }
}
