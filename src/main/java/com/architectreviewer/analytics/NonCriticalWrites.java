package com.architectreviewer.analytics;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Product events and audit entries: writes a request must never wait for or fail on. Each call only
 * enqueues in memory and returns; the writes reach the database in batches behind a circuit breaker
 * and a bulkhead, through a bounded buffer while the database is slow or down. Never pass secrets
 * (keys, tokens, URLs with credentials) as attributes.
 */
public final class NonCriticalWrites {

  private static final int MAX_NAME = 100;
  private static final int MAX_VALUE = 500;
  private static final int MAX_ATTRIBUTES = 20;

  private final WritePump pump;
  private final Clock clock;

  NonCriticalWrites(WritePump pump, Clock clock) {
    this.pump = pump;
    this.clock = clock;
  }

  /** A product event, e.g. {@code scan.requested}, {@code report.viewed}. */
  public void event(UUID tenantId, UUID keyId, String kind, Map<String, String> attributes) {
    pump.submit(
        new PendingWrite(
            UUID.randomUUID(),
            PendingWrite.EVENT,
            tenantId,
            keyId,
            clip(kind, MAX_NAME),
            "",
            clip(attributes),
            clock.millis()));
  }

  /** An audit entry: who ({@code keyId}) did what ({@code action}) to which resource. */
  public void audit(
      UUID tenantId, UUID keyId, String action, String target, Map<String, String> attributes) {
    pump.submit(
        new PendingWrite(
            UUID.randomUUID(),
            PendingWrite.AUDIT,
            tenantId,
            keyId,
            clip(action, MAX_NAME),
            clip(target, MAX_VALUE),
            clip(attributes),
            clock.millis()));
  }

  private static String clip(String value, int max) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("A non-critical write needs a kind or action");
    }
    return truncate(value, max);
  }

  private static String truncate(String value, int max) {
    return value.length() <= max ? value : value.substring(0, max);
  }

  private static Map<String, String> clip(Map<String, String> attributes) {
    var clipped = new LinkedHashMap<String, String>();
    if (attributes != null) {
      for (var entry : attributes.entrySet()) {
        if (clipped.size() == MAX_ATTRIBUTES) {
          break;
        }
        if (entry.getKey() != null && entry.getValue() != null) {
          clipped.put(truncate(entry.getKey(), MAX_NAME), truncate(entry.getValue(), MAX_VALUE));
        }
      }
    }
    return clipped;
  }
}
