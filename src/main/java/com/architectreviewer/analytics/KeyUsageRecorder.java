package com.architectreviewer.analytics;

import com.architectreviewer.security.KeyUsage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API-key uses for {@code last_used_at}: the request only puts the key's latest use into a map (one
 * entry per key, the latest time wins). Once per interval the writer thread turns the map into
 * non-critical writes, which reach the database as one UPDATE per batch behind the breaker and the
 * bulkhead, or wait in the buffer while the database is unhealthy.
 */
final class KeyUsageRecorder implements KeyUsage {

  private final Map<UUID, Long> latest = new ConcurrentHashMap<>();
  private final Clock clock;
  private final long intervalMillis;
  private long nextDrain;

  KeyUsageRecorder(Clock clock, Duration interval) {
    this.clock = clock;
    this.intervalMillis = interval.toMillis();
    this.nextDrain = clock.millis() + intervalMillis;
  }

  @Override
  public void used(UUID keyId) {
    latest.merge(keyId, clock.millis(), Math::max);
  }

  /** The uses collected since the last drain, once the interval has passed (writer thread only). */
  List<PendingWrite> due() {
    long now = clock.millis();
    if (now < nextDrain) {
      return List.of();
    }
    nextDrain = now + intervalMillis;
    return drain();
  }

  /** Everything collected, now (also at shutdown). */
  List<PendingWrite> drain() {
    var writes = new ArrayList<PendingWrite>();
    for (UUID key : latest.keySet()) {
      Long at = latest.remove(key);
      if (at != null) {
        writes.add(PendingWrite.keyUsed(key, at));
      }
    }
    return writes;
  }
}
