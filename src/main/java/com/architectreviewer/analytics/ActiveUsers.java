package com.architectreviewer.analytics;

import com.architectreviewer.kv.KeyValueStore;
import java.time.Clock;
import java.time.Duration;
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
 * Distinct users (API keys) of the last five minutes, in KV sorted sets scored by last use: one per
 * tenant and one for all. A request only puts its key in a map; a background flush writes the marks
 * once a second, so Redis is never on the request path.
 */
final class ActiveUsers implements AutoCloseable {

  static final Duration WINDOW = Duration.ofMinutes(5);
  private static final String ALL = "active-users:all";
  private static final Logger log = LoggerFactory.getLogger(ActiveUsers.class);

  private record User(UUID tenantId, UUID keyId) {}

  private final KeyValueStore kv;
  private final Clock clock;
  private final Map<User, Long> pending = new ConcurrentHashMap<>();
  private final ScheduledExecutorService flusher =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("active-users-flush").daemon().factory());

  ActiveUsers(KeyValueStore kv, Clock clock, Duration flushEvery) {
    this.kv = kv;
    this.clock = clock;
    flusher.scheduleWithFixedDelay(
        this::flushSafely, flushEvery.toMillis(), flushEvery.toMillis(), TimeUnit.MILLISECONDS);
  }

  void mark(UUID tenantId, UUID keyId) {
    pending.put(new User(tenantId, keyId), clock.millis());
  }

  /** Distinct users of the tenant in the last five minutes. */
  long count(UUID tenantId) {
    flush();
    return countIn(key(tenantId));
  }

  /** Distinct users of every tenant in the last five minutes. */
  long countAll() {
    flush();
    return countIn(ALL);
  }

  synchronized void flush() {
    if (pending.isEmpty()) {
      return;
    }
    var byTenant = new HashMap<UUID, Map<String, Double>>();
    var all = new HashMap<String, Double>();
    for (User user : pending.keySet()) {
      Long at = pending.remove(user);
      if (at != null) {
        byTenant
            .computeIfAbsent(user.tenantId(), t -> new HashMap<>())
            .put(user.keyId().toString(), at.doubleValue());
        all.put(user.tenantId() + ":" + user.keyId(), at.doubleValue());
      }
    }
    Duration ttl = WINDOW.multipliedBy(2);
    byTenant.forEach((tenant, users) -> kv.sortedSetAdd(key(tenant), users, ttl));
    kv.sortedSetAdd(ALL, all, ttl);
  }

  private long countIn(String key) {
    double cutoff = clock.millis() - WINDOW.toMillis();
    kv.sortedSetRemoveUpTo(key, cutoff);
    return kv.sortedSetCount(key, cutoff, Double.POSITIVE_INFINITY);
  }

  private static String key(UUID tenantId) {
    return "active-users:" + tenantId;
  }

  private void flushSafely() {
    try {
      flush();
    } catch (RuntimeException e) {
      log.warn("Active-user marks could not be written; the next flush retries", e);
    }
  }

  @Override
  public void close() {
    flusher.shutdownNow();
  }
}
