package com.architectreviewer.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code reviewer worker} JVM on the test classpath, with the test job kinds loaded. Its
 * output goes to {@code target/worker-NAME.log}.
 */
final class WorkerProcess implements AutoCloseable {

  private final Process process;
  final String name;
  final Path log;

  private WorkerProcess(Process process, String name, Path log) {
    this.process = process;
    this.name = name;
    this.log = log;
  }

  /**
   * Options of workers in tests: a small heap and the C1 compiler only, which start fast; a worker
   * that must run as in production (a benchmark) gets {@link #PRODUCTION_JVM}.
   */
  static final List<String> TEST_JVM = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1");

  /** Options of a worker as deployed: both JIT compilers, a heap of its own size. */
  static final List<String> PRODUCTION_JVM = List.of("-Xmx512m");

  static WorkerProcess start(String name, String databaseUrl) throws IOException {
    return start(name, databaseUrl, 4, TEST_JVM, List.of());
  }

  static WorkerProcess start(
      String name,
      String databaseUrl,
      int threads,
      List<String> jvmOptions,
      List<String> systemProperties)
      throws IOException {
    Path log = Path.of("target", "worker-" + name + ".log").toAbsolutePath();
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-Dspring.main.sources=" + WorkerTestJobs.class.getName());
    command.add("-Ddb-scheduler.scheduler-name=" + name);
    systemProperties.forEach(property -> command.add("-D" + property));
    command.add("com.architectreviewer.cli.Main");
    command.add("worker");
    command.add("--threads=" + threads);
    var builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("DATABASE_URL", databaseUrl);
    builder.environment().remove("DIRECT_URL");
    return new WorkerProcess(builder.start(), name, log);
  }

  /** Whether the worker's scheduler is running (its log says so). */
  boolean isReady() throws IOException {
    return Files.exists(log) && Files.readString(log).contains("Starting scheduler");
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** {@code kill -9}: no shutdown hook, no graceful stop, executions stay picked. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM: a graceful stop (shutdown hooks run, e.g. a flight recording is written). */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      kill();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
