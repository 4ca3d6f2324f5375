package com.architectreviewer.jobs;

import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code proc} job kind, for tests with real worker processes: they load this class with {@code
 * -Dspring.main.sources=com.architectreviewer.jobs.WorkerTestJobs}. Payload {@code slow:TAG:MILLIS}
 * reports progress for MILLIS, then records its result idempotently: the rows of an earlier attempt
 * are replaced in the same transaction, so a re-run leaves exactly one result.
 */
@TestConfiguration(proxyBeanMethods = false)
public class WorkerTestJobs {

  static final String KIND = "proc";

  /** Attempts (in this JVM) that finished their work and are about to record their result. */
  static final java.util.concurrent.atomic.AtomicInteger RECORDING =
      new java.util.concurrent.atomic.AtomicInteger();

  static final String RESULTS_TABLE =
      "CREATE TABLE IF NOT EXISTS test_results (job_id uuid NOT NULL, tag text NOT NULL,"
          + " attempt int NOT NULL, worker text NOT NULL)";

  /** {@code noop}: does nothing, for measuring the queue itself. */
  @Bean
  JobHandler noopJobHandler() {
    return new JobHandler() {
      @Override
      public String kind() {
        return "noop";
      }

      @Override
      public String run(JobContext context) {
        return null;
      }
    };
  }

  @Bean
  JobHandler processTestJobHandler(JdbcClient jdbc, TransactionTemplate transactions) {
    return new JobHandler() {
      @Override
      public String kind() {
        return KIND;
      }

      @Override
      public String run(JobContext context) throws InterruptedException {
        String[] parts = context.payload().split(":");
        long millis = Long.parseLong(parts[2]);
        Instant start = Instant.now();
        Instant end = start.plusMillis(millis);
        while (Instant.now().isBefore(end)) {
          context.checkpoint();
          long done = Duration.between(start, Instant.now()).toMillis();
          context.progress((int) (done * 100 / millis), "working");
          Thread.sleep(50);
        }
        String worker = System.getProperty("db-scheduler.scheduler-name", "in-process");
        RECORDING.incrementAndGet();
        transactions.executeWithoutResult(status -> {
          jdbc.sql("DELETE FROM test_results WHERE job_id = :id")
              .param("id", context.jobId())
              .update();
          jdbc.sql(
                  "INSERT INTO test_results (job_id, tag, attempt, worker)"
                      + " VALUES (:id, :tag, :attempt, :worker)")
              .param("id", context.jobId())
              .param("tag", parts[1])
              .param("attempt", context.attempt())
              .param("worker", worker)
              .update();
        });
        return "/results/" + parts[1];
      }
    };
  }
}
