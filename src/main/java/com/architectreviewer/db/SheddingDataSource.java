package com.architectreviewer.db;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The pool's connections with early load shedding: a caller that cannot be served soon is told at
 * once, with the same exception as a pool timeout (so it becomes a 503 with {@code Retry-After}),
 * instead of holding a request thread for the whole pool timeout.
 *
 * <ul>
 *   <li><b>Database unreachable.</b> When a wait for a connection ends because the server could not
 *       be reached (the pool timed out while every new connection failed: refused, reset, shutting
 *       down, too many clients), a circuit breaker opens: every caller is refused at once while a
 *       background probe tries the database every {@link #PROBE_INTERVAL}, and its first connection
 *       closes the breaker again. Before this, a stopped PostgreSQL or PgBouncer turned every
 *       request into a wait of the full pool timeout, and a disruption of a few seconds into a
 *       minute of slow answers as the waits queued up. A pool that is only busy (every connection
 *       in use) does not open it: that is load, not an outage.
 *   <li><b>Waits that would end in a timeout.</b> When the recent waits for a connection (an
 *       exponentially weighted mean of the last ones) reach half the pool timeout and every
 *       connection is already asked for, a new caller would most likely wait about as long, or time
 *       out: it is refused at once. Callers no more numerous than the pool's connections are always
 *       let through, and their quick waits bring the mean down again. A burst that the pool serves
 *       in time (200 requests of 50 ms on 5 connections: about 2 s of waiting) is served.
 *   <li><b>Too many waiting.</b> At most {@code reviewer.db.max-waiting} callers wait for a
 *       connection at the same time whatever their waits, so a slow database holds a bounded number
 *       of threads (with virtual threads, nothing else bounds them).
 * </ul>
 */
final class SheddingDataSource extends DelegatingDataSource {

  static final String BREAKER_NAME = "database";
  static final Duration PROBE_INTERVAL = Duration.ofMillis(250);
  static final String SHED_METRIC = "reviewer.db.shed";

  private static final Logger log = LoggerFactory.getLogger(SheddingDataSource.class);

  /** Weight of the newest wait in the mean of recent waits. */
  private static final double RECENT_WEIGHT = 0.3;

  /** Without new waits the mean halves every this long: a quiet pool is not slow any more. */
  static final Duration RECENT_HALF_LIFE = Duration.ofSeconds(2);

  private final CircuitBreaker unreachable;
  private final AtomicInteger waiting = new AtomicInteger();
  private final Object recentLock = new Object();
  private double recentWaitNanos;
  private long recentAt = System.nanoTime();
  private final int maxWaiting;
  private final IntSupplier idleConnections;
  private final long slowWaitNanos;
  private final Counter shedUnreachable;
  private final Counter shedWaiting;
  private final Counter shedOverloaded;
  private final AtomicBoolean probing = new AtomicBoolean();
  private volatile boolean closed;

  SheddingDataSource(
      DataSource pool,
      IntSupplier idleConnections,
      Duration poolTimeout,
      int maxWaiting,
      MeterRegistry meters) {
    super(pool);
    this.maxWaiting = maxWaiting;
    this.idleConnections = idleConnections;
    this.slowWaitNanos = poolTimeout.toNanos() / 2;
    CircuitBreakerRegistry breakers =
        CircuitBreakerRegistry.of(
            CircuitBreakerConfig.custom()
                // One wait that ended because the server could not be reached is enough: it
                // took the whole pool timeout to learn it.
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(1)
                .minimumNumberOfCalls(1)
                .failureRateThreshold(100)
                .permittedNumberOfCallsInHalfOpenState(1)
                .waitDurationInOpenState(PROBE_INTERVAL)
                .recordException(SheddingDataSource::unreachable)
                .build());
    if (meters != null) {
      TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
    }
    this.unreachable = breakers.circuitBreaker(BREAKER_NAME);
    this.unreachable
        .getEventPublisher()
        .onStateTransition(event -> {
          switch (event.getStateTransition().getToState()) {
            case OPEN -> startProbing();
            case CLOSED -> log.info("The database is reachable again: shedding stopped");
            default -> {}
          }
        });
    this.shedUnreachable = shedCounter(meters, "unreachable");
    this.shedWaiting = shedCounter(meters, "waiting");
    this.shedOverloaded = shedCounter(meters, "overloaded");
  }

  @Override
  public Connection getConnection() throws SQLException {
    // Only a closed breaker lets callers through: while it is open or half-open, the prober alone
    // tries the database, so no request waits on a server that is known to be gone.
    if (unreachable.getState() != CircuitBreaker.State.CLOSED
        || !unreachable.tryAcquirePermission()) {
      shedUnreachable.increment();
      throw new SQLTransientConnectionException(
          "Database unreachable: connections are refused at once until a probe succeeds");
    }
    int callers = waiting.incrementAndGet();
    // Only callers that find every connection in use wait; their waits make the recent mean.
    boolean queued = idleConnections.getAsInt() == 0;
    try {
      if (callers > maxWaiting) {
        shedWaiting.increment();
        throw new SQLTransientConnectionException(
            "Too many callers (" + maxWaiting + ") already wait for a database connection");
      }
      if (queued && recentWait(System.nanoTime()) >= slowWaitNanos) {
        shedOverloaded.increment();
        throw new SQLTransientConnectionException(
            "Waits for a database connection near the pool timeout: refused at once");
      }
    } catch (SQLTransientConnectionException e) {
      waiting.decrementAndGet();
      unreachable.releasePermission();
      throw e;
    }
    try {
      return attempt(queued);
    } finally {
      waiting.decrementAndGet();
    }
  }

  /**
   * One wait for a pooled connection, its outcome told to the breaker (which holds a permission).
   * {@code queued}: a caller that found no idle connection, whose wait counts in the mean of recent
   * waits (the probe's does not).
   */
  private Connection attempt(boolean queued) throws SQLException {
    long start = System.nanoTime();
    try {
      Connection connection = super.getConnection();
      long waited = System.nanoTime() - start;
      if (queued) {
        remember(waited);
      }
      unreachable.onSuccess(waited, TimeUnit.NANOSECONDS);
      return connection;
    } catch (SQLException | RuntimeException e) {
      long waited = System.nanoTime() - start;
      if (queued) {
        remember(waited);
      }
      // A failure the breaker does not record (a busy pool) only releases the permission.
      unreachable.onError(waited, TimeUnit.NANOSECONDS, e);
      throw e;
    }
  }

  /**
   * Starts the one background caller that tries the database every {@link #PROBE_INTERVAL} while
   * the breaker is not closed; its first connection closes the breaker.
   */
  private void startProbing() {
    if (!closed && probing.compareAndSet(false, true)) {
      log.warn(
          "The database cannot be reached: connections are refused at once (503) and a probe"
              + " tries every {} ms until one succeeds",
          PROBE_INTERVAL.toMillis());
      Thread.ofVirtual().name("db-reachability-probe").start(this::probeUntilReachable);
    }
  }

  private void probeUntilReachable() {
    try {
      while (!closed && unreachable.getState() != CircuitBreaker.State.CLOSED) {
        Thread.sleep(PROBE_INTERVAL);
        // Open -> half-open once the interval has passed; the prober holds the one permission.
        if (!closed && unreachable.tryAcquirePermission()) {
          try (Connection connection = attempt(false)) {
            // Reachable: attempt() closed the breaker.
          } catch (SQLException | RuntimeException e) {
            // Still unreachable (the breaker is open again) or only busy: next round.
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      probing.set(false);
      if (!closed && unreachable.getState() == CircuitBreaker.State.OPEN) {
        startProbing();
      }
    }
  }

  private void remember(long waitedNanos) {
    long now = System.nanoTime();
    synchronized (recentLock) {
      double mean = recentWait(now);
      recentWaitNanos = mean + RECENT_WEIGHT * (waitedNanos - mean);
      recentAt = now;
    }
  }

  /** The mean of recent waits, decayed for the time since the last one. */
  private double recentWait(long now) {
    synchronized (recentLock) {
      double halfLives = (now - recentAt) / (double) RECENT_HALF_LIFE.toNanos();
      return recentWaitNanos * Math.pow(0.5, halfLives);
    }
  }

  /** Stops probing; the pool itself is closed by its owner. */
  void close() {
    closed = true;
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLException("The pool's connections have one user: use getConnection()");
  }

  /**
   * The pool timed out while the server could not be reached: HikariCP's timeout carries the last
   * failure to open a connection, with its SQL state (connection exception 08xxx, server shutting
   * down 57P01-57P03, too many clients 53300). A timeout without one is a busy pool.
   */
  static boolean unreachable(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql && SqlStates.unavailable(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private static Counter shedCounter(MeterRegistry meters, String reason) {
    return Counter.builder(SHED_METRIC)
        .description("Requests for a database connection refused at once (load shedding)")
        .tag("reason", reason)
        .register(meters != null ? meters : new SimpleMeterRegistry());
  }
}
