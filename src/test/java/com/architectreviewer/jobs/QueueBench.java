package com.architectreviewer.jobs;

import com.architectreviewer.ReviewerApplication;
import com.architectreviewer.security.ApiKeys;
import com.architectreviewer.testsupport.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code bench/queue}: enqueue→start latency across processes with idle workers, and throughput of
 * no-op jobs. This JVM enqueues (an API instance without workers); N {@code reviewer worker} JVMs
 * run the jobs; all share one embedded PostgreSQL on this machine. Figures come from the jobs
 * table: {@code started_at - created_at} per job, and completed jobs per second of wall time.
 */
public final class QueueBench {

  public static void main(String[] args) throws Exception {
    int workers = Integer.parseInt(System.getProperty("bench.workers", "2"));
    int threads = Integer.parseInt(System.getProperty("bench.threads", "16"));
    int latencyJobs = Integer.parseInt(System.getProperty("bench.latencyJobs", "300"));
    int throughputJobs = Integer.parseInt(System.getProperty("bench.throughputJobs", "10000"));
    int tenants = Integer.parseInt(System.getProperty("bench.tenants", "16"));
    int rounds = Integer.parseInt(System.getProperty("bench.rounds", "3"));
    // Jobs drained before anything is measured, so the workers run compiled code, as a worker
    // that has been up for a while does (the JIT's own work would otherwise count as the queue's).
    int warmupJobs = Integer.parseInt(System.getProperty("bench.warmupJobs", "50000"));
    // -Dbench.statements=true: print the statements of the drain (needs pg_stat_statements in
    // shared_preload_libraries of a server given by TEST_DATABASE_URL).
    boolean statements = Boolean.getBoolean("bench.statements");
    String url = TestDatabase.freshDatabase();

    var app = new SpringApplication(ReviewerApplication.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    app.setDefaultProperties(
        Map.of(
            "DATABASE_URL", url,
            "db-scheduler.enabled", "false",
            "reviewer.jobs.workers-enabled", "false",
            "logging.level.root", "WARN"));
    var context = app.run();
    var jobs = context.getBean(Jobs.class);
    var jdbc = context.getBean(JdbcClient.class);
    var transactions = context.getBean(TransactionTemplate.class);
    var apiKeys = context.getBean(ApiKeys.class);
    List<UUID> tenantIds = new ArrayList<>();
    for (int i = 0; i < tenants; i++) {
      tenantIds.add(apiKeys.ensureTenant("bench-" + i));
    }

    List<WorkerProcess> processes = new ArrayList<>();
    try {
      for (int i = 0; i < workers; i++) {
        processes.add(
            WorkerProcess.start("bench-" + i, url, threads, workerJvm(), workerProperties()));
      }
      waitUntilReady(processes);
      System.out.printf(
          "machine: %d cores; %d worker JVMs x %d threads; PostgreSQL embedded (zonky 17)%n",
          Runtime.getRuntime().availableProcessors(), workers, threads);

      if (warmupJobs > 0) {
        Instant warmupStart = Instant.now();
        transactions.executeWithoutResult(status -> {
          for (int i = 0; i < warmupJobs; i++) {
            jobs.enqueue(NewJob.of(tenantIds.get(i % tenants), "noop", "{}"));
          }
        });
        waitUntilDone(jdbc, warmupJobs);
        System.out.printf(
            "warm-up: %d no-op jobs enqueued and drained in %.1f s (not measured)%n",
            warmupJobs, Duration.between(warmupStart, Instant.now()).toMillis() / 1000.0);
        LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
      }

      // Latency: one job at a time into idle workers, each in its own transaction.
      Instant latencyStart = Instant.now();
      for (int i = 0; i < latencyJobs; i++) {
        jobs.enqueue(NewJob.of(tenantIds.get(i % tenants), "noop", "{}"));
        LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      }
      waitUntilDone(jdbc, warmupJobs + latencyJobs);
      List<Double> latencies =
          jdbc
              .sql(
                  "SELECT EXTRACT(EPOCH FROM (started_at - created_at)) * 1000 FROM jobs"
                      + " WHERE created_at >= :since")
              .param(
                  "since",
                  java.time.OffsetDateTime.ofInstant(latencyStart, java.time.ZoneOffset.UTC))
              .query(Double.class)
              .list()
              .stream()
              .sorted()
              .toList();
      System.out.printf(
          "enqueue->start latency, %d jobs one by one: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms,"
              + " max %.1f ms%n",
          latencies.size(),
          percentile(latencies, 50),
          percentile(latencies, 90),
          percentile(latencies, 99),
          latencies.getLast());

      // Throughput: a backlog enqueued in one transaction, drained by the workers; several rounds,
      // as the workers' JIT compiler may still be busy in the first.
      List<Double> rates = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        rates.add(
            drain(
                round,
                throughputJobs,
                tenants,
                tenantIds,
                jobs,
                jdbc,
                transactions,
                processes,
                statements && round == rounds));
      }
      List<Double> sorted = rates.stream().sorted().toList();
      System.out.printf(
          "throughput over %d rounds: median %.0f jobs/s (min %.0f, max %.0f)%n",
          rounds, sorted.get(sorted.size() / 2), sorted.getFirst(), sorted.getLast());
      System.out.printf(
          "load average after the drain: %.1f%n",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    } finally {
      for (var process : processes) {
        process.stop();
      }
      context.close();
    }
    System.exit(0);
  }

  /** One round: a backlog of no-op jobs enqueued in one transaction, then drained; its rate. */
  private static double drain(
      int round,
      int throughputJobs,
      int tenants,
      List<UUID> tenantIds,
      Jobs jobs,
      JdbcClient jdbc,
      TransactionTemplate transactions,
      List<WorkerProcess> processes,
      boolean statements) {
    long before = count(jdbc, "succeeded");
    Instant enqueueStart = Instant.now();
    transactions.executeWithoutResult(status -> {
      for (int i = 0; i < throughputJobs; i++) {
        jobs.enqueue(NewJob.of(tenantIds.get(i % tenants), "noop", "{}"));
      }
    });
    Instant committed = Instant.now();
    var workersCpuBefore = cpu(processes.stream().map(WorkerProcess::handle).toList());
    var databaseCpuBefore = cpu(databaseProcesses(jdbc));
    long transactionsBefore = transactions(jdbc);
    if (statements) {
      jdbc.sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").update();
      jdbc.sql("SELECT pg_stat_statements_reset()").query(rs -> {});
    }
    waitUntilDone(jdbc, before + throughputJobs);
    Instant drained =
        jdbc.sql("SELECT max(finished_at) FROM jobs")
            .query(java.time.OffsetDateTime.class)
            .single()
            .toInstant();
    Duration workersCpu =
        since(workersCpuBefore, cpu(processes.stream().map(WorkerProcess::handle).toList()));
    Duration databaseCpu = since(databaseCpuBefore, cpu(databaseProcesses(jdbc)));
    // Backends flush their statistics within 10 s of going idle.
    LockSupport.parkNanos(Duration.ofSeconds(11).toNanos());
    long drainTransactions = transactions(jdbc) - transactionsBefore;
    double seconds = Duration.between(committed, drained).toMillis() / 1000.0;
    System.out.printf(
        "enqueue of %d jobs in one transaction: %.0f jobs/s%n",
        throughputJobs,
        throughputJobs / (Duration.between(enqueueStart, committed).toMillis() / 1000.0));
    System.out.printf(
        "round %d: %d no-op jobs drained: %.1f s, %.0f jobs/s%n",
        round, throughputJobs, seconds, throughputJobs / seconds);
    // CPU time spent on the drain by the workers and by PostgreSQL's processes: unlike wall
    // time it depends less on what else the machine runs, and cores / (CPU seconds per job)
    // bounds the rate on an otherwise idle machine. Transactions per job count round trips
    // (every statement of a worker runs in autocommit), including this JVM's progress polls.
    System.out.printf(
        "database transactions during the drain: %.2f per job%n",
        drainTransactions / (double) throughputJobs);
    double cpuPerThousand =
        (workersCpu.toMillis() + databaseCpu.toMillis()) / (double) throughputJobs;
    System.out.printf(
        "CPU for the drain: workers %.1f s, PostgreSQL %.1f s = %.2f CPU-s per 1,000 jobs;"
            + " on %d idle cores at most %.0f jobs/s%n",
        workersCpu.toMillis() / 1000.0,
        databaseCpu.toMillis() / 1000.0,
        cpuPerThousand,
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().availableProcessors() * 1000.0 / cpuPerThousand);
    if (statements) {
      jdbc.sql(
              "SELECT calls, rows, total_exec_time, total_plan_time,"
                  + " shared_blks_hit + shared_blks_read,"
                  + " left(regexp_replace(query, '\\s+', ' ', 'g'), 100) AS q"
                  + " FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database"
                  + " WHERE datname = current_database()) ORDER BY total_exec_time + total_plan_time DESC LIMIT 25")
          .query((rs, row) ->
              String.format(
                  "%8d calls %8d rows %8.0f ms exec %7.0f ms plan %9d blocks  %s",
                  rs.getLong(1),
                  rs.getLong(2),
                  rs.getDouble(3),
                  rs.getDouble(4),
                  rs.getLong(5),
                  rs.getString(6)))
          .list()
          .forEach(System.out::println);
    }
    return throughputJobs / seconds;
  }

  /**
   * The workers' settings, plus {@code -Dbench.workerProperties=name=value,...} (e.g. to measure
   * what a setting costs).
   */
  private static List<String> workerProperties() {
    List<String> properties =
        new ArrayList<>(
            List.of(
                "reviewer.jobs.tenant-running-limit=10000",
                "logging.level.root=WARN",
                "logging.level.com.github.kagkarlsson.scheduler.Scheduler=INFO"));
    String extra = System.getProperty("bench.workerProperties", "");
    for (String property : extra.split(",")) {
      if (!property.isBlank()) {
        properties.add(property.trim());
      }
    }
    return properties;
  }

  /**
   * The workers' JVM options: as deployed (both JIT compilers; tests run workers on C1 only, which
   * starts faster but runs slower), plus {@code -Dbench.workerJvm="option option..."} (separated by
   * spaces, e.g. a flight recording).
   */
  private static List<String> workerJvm() {
    List<String> options = new ArrayList<>(WorkerProcess.PRODUCTION_JVM);
    for (String option : System.getProperty("bench.workerJvm", "").split("\\s+")) {
      if (!option.isBlank()) {
        options.add(option.trim());
      }
    }
    return options;
  }

  /** PostgreSQL's server processes of this database cluster (backends and auxiliary ones). */
  private static List<ProcessHandle> databaseProcesses(JdbcClient jdbc) {
    return jdbc.sql("SELECT pid FROM pg_stat_activity").query(Long.class).list().stream()
        .map(ProcessHandle::of)
        .flatMap(java.util.Optional::stream)
        .toList();
  }

  private static long transactions(JdbcClient jdbc) {
    // pg_stat_database is updated when a backend reports its statistics (at most once a second
    // while busy, and when idle); read a snapshot cleared of this transaction's cached view.
    jdbc.sql("SELECT pg_stat_clear_snapshot()").query(rs -> {});
    return jdbc.sql(
            "SELECT xact_commit + xact_rollback FROM pg_stat_database"
                + " WHERE datname = current_database()")
        .query(Long.class)
        .single();
  }

  /** CPU time used so far, per process id. */
  private static Map<Long, Duration> cpu(List<ProcessHandle> processes) {
    Map<Long, Duration> used = new java.util.HashMap<>();
    processes.forEach(process ->
        used.put(process.pid(), process.info().totalCpuDuration().orElse(Duration.ZERO)));
    return used;
  }

  /** CPU time used between two snapshots, by the processes alive at the second. */
  private static Duration since(Map<Long, Duration> before, Map<Long, Duration> after) {
    return after.entrySet().stream()
        .map(entry -> entry.getValue().minus(before.getOrDefault(entry.getKey(), Duration.ZERO)))
        .reduce(Duration.ZERO, Duration::plus);
  }

  private static void waitUntilReady(List<WorkerProcess> processes) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    for (var process : processes) {
      while (!process.isReady()) {
        if (Instant.now().isAfter(deadline) || !process.isAlive()) {
          throw new IllegalStateException("worker did not start; see " + process.log);
        }
        LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
      }
    }
  }

  /**
   * Waits until no job is queued or running (a cheap look through the partial indexes, so the
   * bench's own polling costs the database little), then checks that all of them succeeded.
   */
  private static void waitUntilDone(JdbcClient jdbc, long succeeded) {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
    while (jdbc.sql(
            "SELECT EXISTS (SELECT 1 FROM jobs WHERE state = 'queued')"
                + " OR EXISTS (SELECT 1 FROM jobs WHERE state = 'running')")
        .query(Boolean.class)
        .single()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("jobs did not finish in 10 minutes");
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
    long done = count(jdbc, "succeeded");
    if (done != succeeded) {
      throw new IllegalStateException(succeeded + " jobs should have succeeded, not " + done);
    }
  }

  private static long count(JdbcClient jdbc, String state) {
    return jdbc.sql("SELECT count(*) FROM jobs WHERE state = :state")
        .param("state", state)
        .query(Long.class)
        .single();
  }

  private static double percentile(List<Double> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }
}
