package com.architectreviewer.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects key uses in memory (one entry per key, the latest time wins) and hands them to the
 * {@link KeyUsageWriter} in one batch per interval on its own thread, and once more on shutdown.
 * The request path only does a map put.
 */
final class BatchedKeyUsage implements KeyUsage, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BatchedKeyUsage.class);

  private final Map<UUID, Instant> pending = new ConcurrentHashMap<>();
  private final KeyUsageWriter writer;
  private final Clock clock;
  private final ScheduledExecutorService flusher;

  BatchedKeyUsage(KeyUsageWriter writer, Clock clock, Duration interval) {
    this.writer = writer;
    this.clock = clock;
    this.flusher =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("key-usage-flush").daemon().factory());
    long millis = interval.toMillis();
    flusher.scheduleWithFixedDelay(this::flush, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void used(UUID keyId) {
    pending.put(keyId, clock.instant());
  }

  /** Writes what was collected so far; returns how many keys were written. */
  int flush() {
    if (pending.isEmpty()) {
      return 0;
    }
    var batch = new HashMap<UUID, Instant>();
    for (UUID key : pending.keySet()) {
      Instant at = pending.remove(key);
      if (at != null) {
        batch.put(key, at);
      }
    }
    try {
      writer.write(batch);
      return batch.size();
    } catch (RuntimeException e) {
      log.warn(
          "Could not write last_used_at of {} API keys; the next use of each key will set it again",
          batch.size(),
          e);
      return 0;
    }
  }

  @Override
  public void close() {
    flusher.shutdown();
    flush();
  }
}
