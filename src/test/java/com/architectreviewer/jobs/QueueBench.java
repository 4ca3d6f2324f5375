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
            WorkerProcess.start(
                "bench-" + i,
                url,
                threads,
                List.of(
                    "reviewer.jobs.tenant-running-limit=10000",
                    "logging.level.root=WARN",
                    "logging.level.com.github.kagkarlsson.scheduler.Scheduler=INFO")));
      }
      waitUntilReady(processes);
      System.out.printf(
          "machine: %d cores; %d worker JVMs x %d threads; PostgreSQL embedded (zonky 17)%n",
          Runtime.getRuntime().availableProcessors(), workers, threads);

      // Latency: one job at a time into idle workers, each in its own transaction.
      Instant latencyStart = Instant.now();
      for (int i = 0; i < latencyJobs; i++) {
        jobs.enqueue(NewJob.of(tenantIds.get(i % tenants), "noop", "{}"));
        LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      }
      waitUntilDone(jdbc, latencyJobs);
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

      // Throughput: a backlog enqueued in one transaction, drained by the workers.
      long before = count(jdbc, "succeeded");
      Instant enqueueStart = Instant.now();
      transactions.executeWithoutResult(status -> {
        for (int i = 0; i < throughputJobs; i++) {
          jobs.enqueue(NewJob.of(tenantIds.get(i % tenants), "noop", "{}"));
        }
      });
      Instant committed = Instant.now();
      waitUntilDone(jdbc, before + throughputJobs);
      Instant drained = Instant.now();
      double seconds = Duration.between(committed, drained).toMillis() / 1000.0;
      System.out.printf(
          "enqueue of %d jobs in one transaction: %.0f jobs/s%n",
          throughputJobs,
          throughputJobs / (Duration.between(enqueueStart, committed).toMillis() / 1000.0));
      System.out.printf(
          "throughput, %d no-op jobs drained: %.1f s, %.0f jobs/s%n",
          throughputJobs, seconds, throughputJobs / seconds);
    } finally {
      for (var process : processes) {
        process.close();
      }
      context.close();
    }
    System.exit(0);
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

  private static void waitUntilDone(JdbcClient jdbc, long succeeded) {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
    while (count(jdbc, "succeeded") < succeeded) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("jobs did not finish in 10 minutes");
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
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
