package com.architectreviewer.analytics;

import com.architectreviewer.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/stats}: admin keys only. */
@RestController
class StatsController {

  /**
   * @param activeUsers distinct API keys of the caller's tenant used in the last five minutes
   * @param activeWindowSeconds the window of {@code activeUsers}
   * @param queueDepth jobs waiting to run, when the jobs module reports it
   * @param pool connections of this instance's pool, when it reports them
   * @param nonCriticalWrites state of the analytics write path
   */
  record Stats(
      long activeUsers,
      long activeWindowSeconds,
      Long queueDepth,
      Pool pool,
      NonCriticalWritesState nonCriticalWrites) {}

  record Pool(Long active, Long idle, Long pending, Long max) {}

  record NonCriticalWritesState(String breaker, long buffered, long queued) {}

  private final ActiveUsers activeUsers;
  private final PoolPressure pool;
  private final GuardedWriter writer;
  private final WriteBuffer buffer;
  private final WritePump pump;

  StatsController(
      ActiveUsers activeUsers,
      PoolPressure pool,
      GuardedWriter writer,
      WriteBuffer buffer,
      WritePump pump) {
    this.activeUsers = activeUsers;
    this.pool = pool;
    this.writer = writer;
    this.buffer = buffer;
    this.pump = pump;
  }

  @GetMapping("/api/v1/stats")
  Stats stats(Caller caller) {
    caller.requireAdmin();
    return new Stats(
        activeUsers.count(caller.tenantId()),
        ActiveUsers.WINDOW.toSeconds(),
        asLong(pool.read("reviewer_jobs_queue_depth")),
        new Pool(
            asLong(pool.read("hikaricp.connections.active")),
            asLong(pool.read("hikaricp.connections.idle")),
            asLong(pool.read("hikaricp.connections.pending")),
            asLong(pool.read("hikaricp.connections.max"))),
        new NonCriticalWritesState(
            writer.state().name().toLowerCase(java.util.Locale.ROOT),
            buffer.size(),
            pump.staged()));
  }

  private static Long asLong(Double value) {
    return value == null || value.isNaN() ? null : Math.round(value);
  }
}
