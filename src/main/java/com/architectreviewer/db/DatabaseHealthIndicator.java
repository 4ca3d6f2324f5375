package com.architectreviewer.db;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness of the database that answers within {@code reviewer.db.health-timeout}, even while the
 * pool would wait its full pool timeout for a connection. A check still waiting is reused by the
 * next probe rather than stacking up; a finished one is never reused.
 */
final class DatabaseHealthIndicator implements HealthIndicator, AutoCloseable {

  private final DataSource dataSource;
  private final Duration timeout;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          runnable -> Thread.ofPlatform().name("db-health").daemon().unstarted(runnable));
  private final AtomicReference<CompletableFuture<Health>> pending = new AtomicReference<>();

  DatabaseHealthIndicator(DataSource dataSource, Duration timeout) {
    this.dataSource = dataSource;
    this.timeout = timeout;
  }

  @Override
  public Health health() {
    CompletableFuture<Health> check =
        pending.updateAndGet(current ->
            current == null || current.isDone()
                ? CompletableFuture.supplyAsync(this::check, executor)
                : current);
    try {
      return check.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return Health.down()
          .withDetail("error", "no database connection within " + timeout.toMillis() + " ms")
          .build();
    } catch (ExecutionException e) {
      return Health.down().withDetail("error", e.getCause().getClass().getSimpleName()).build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Health.unknown().build();
    }
  }

  private Health check() {
    try (Connection connection = dataSource.getConnection()) {
      int seconds = (int) Math.max(1, timeout.toSeconds());
      return connection.isValid(seconds)
          ? Health.up().build()
          : Health.down().withDetail("error", "connection not valid").build();
    } catch (Exception e) {
      // The exception's message may name hosts; its type is enough for a probe.
      return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
