package com.architectreviewer.analytics;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes a batch of non-critical writes (events, audit entries, API-key {@code last_used_at}) in
 * one short transaction, behind a bulkhead (at most two connections) and a circuit breaker (slow or
 * failing writes open it). It never waits: when the bulkhead is full, the breaker open or the pool
 * has waiters, it answers {@code false} at once and the caller buffers the batch.
 */
final class GuardedWriter {

  private static final Logger log = LoggerFactory.getLogger(GuardedWriter.class);

  private static final String INSERT_EVENT =
      """
      INSERT INTO product_events (write_id, tenant_id, key_id, kind, attributes, occurred_at)
      VALUES (?, ?, ?, ?, ?::jsonb, ?)
      ON CONFLICT (write_id) DO NOTHING
      """;
  private static final String INSERT_AUDIT =
      """
      INSERT INTO audit_entries (write_id, tenant_id, key_id, action, target, attributes, occurred_at)
      VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)
      ON CONFLICT (write_id) DO NOTHING
      """;

  /**
   * {@code last_used_at} of every key in the batch in one statement; a time never moves backwards,
   * and a key used several times in the batch (the buffer may hold several uses) gets the latest.
   */
  private static final String TOUCH_KEYS =
      """
      UPDATE api_keys k SET last_used_at = GREATEST(k.last_used_at, u.used_at)
      FROM (SELECT id, to_timestamp(max(at_millis) / 1000.0) AS used_at
            FROM unnest(?::uuid[], ?::bigint[]) AS t(id, at_millis) GROUP BY id) u
      WHERE k.id = u.id
      """;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final CircuitBreaker breaker;
  private final Bulkhead bulkhead;
  private final PoolPressure pool;
  private final long timeoutMillis;
  private final ObjectMapper json;

  GuardedWriter(
      JdbcTemplate jdbc,
      TransactionTemplate transactions,
      CircuitBreaker breaker,
      Bulkhead bulkhead,
      PoolPressure pool,
      Duration writeTimeout,
      ObjectMapper json) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.breaker = breaker;
    this.bulkhead = bulkhead;
    this.pool = pool;
    this.timeoutMillis = Math.max(1, writeTimeout.toMillis());
    this.json = json;
  }

  /** True when the database took the batch; false when it should be buffered. */
  boolean tryWrite(List<PendingWrite> batch) {
    if (batch.isEmpty()) {
      return true;
    }
    if (pool.hasWaiters() || !bulkhead.tryAcquirePermission()) {
      return false;
    }
    try {
      if (!breaker.tryAcquirePermission()) {
        return false;
      }
      long start = System.nanoTime();
      try {
        transactions.executeWithoutResult(status -> insert(batch));
        breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return true;
      } catch (RuntimeException e) {
        breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
        log.warn(
            "A batch of {} non-critical writes failed ({}); it goes to the buffer and is retried"
                + " when the database is healthy",
            batch.size(),
            e.getClass().getSimpleName());
        return false;
      }
    } finally {
      bulkhead.onComplete();
    }
  }

  /** True when a write would be attempted now. */
  boolean healthy() {
    var state = breaker.getState();
    return state != CircuitBreaker.State.OPEN
        && state != CircuitBreaker.State.FORCED_OPEN
        && !pool.hasWaiters();
  }

  CircuitBreaker.State state() {
    return breaker.getState();
  }

  private void insert(List<PendingWrite> batch) {
    // Bounded: a locked table or a slow server fails this batch instead of holding the connection.
    jdbc.execute("SET LOCAL statement_timeout = " + timeoutMillis);
    jdbc.execute("SET LOCAL lock_timeout = " + timeoutMillis);
    var events = batch.stream().filter(w -> PendingWrite.EVENT.equals(w.type())).toList();
    var audits = batch.stream().filter(w -> PendingWrite.AUDIT.equals(w.type())).toList();
    var keyUses = batch.stream().filter(w -> PendingWrite.KEY_USED.equals(w.type())).toList();
    if (!keyUses.isEmpty()) {
      jdbc.update(
          TOUCH_KEYS,
          statement -> {
            var connection = statement.getConnection();
            statement.setArray(
                1,
                connection.createArrayOf(
                    "uuid", keyUses.stream().map(PendingWrite::keyId).toArray(UUID[]::new)));
            statement.setArray(
                2,
                connection.createArrayOf(
                    "int8",
                    keyUses.stream().map(PendingWrite::occurredAtMillis).toArray(Long[]::new)));
          });
    }
    if (!events.isEmpty()) {
      jdbc.batchUpdate(
          INSERT_EVENT,
          events.stream()
              .map(w ->
                  new Object[] {
                    w.writeId(),
                    w.tenantId(),
                    w.keyId(),
                    w.name(),
                    json.writeValueAsString(w.attributes()),
                    new Timestamp(w.occurredAtMillis())
                  })
              .toList());
    }
    if (!audits.isEmpty()) {
      jdbc.batchUpdate(
          INSERT_AUDIT,
          audits.stream()
              .map(w ->
                  new Object[] {
                    w.writeId(),
                    w.tenantId(),
                    w.keyId(),
                    w.name(),
                    w.target(),
                    json.writeValueAsString(w.attributes()),
                    new Timestamp(w.occurredAtMillis())
                  })
              .toList());
    }
  }
}
