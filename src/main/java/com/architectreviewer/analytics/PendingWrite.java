package com.architectreviewer.analytics;

import java.util.Map;
import java.util.UUID;

/**
 * One non-critical write waiting to reach the database: a product event, an audit entry or an API
 * key's {@code last_used_at}. Its JSON form is what the buffer (a Redis list or memory) holds.
 *
 * @param writeId unique per write, so a batch sent twice is stored once
 * @param type {@code event}, {@code audit} or {@code key-used} (then {@code keyId} and {@code
 *     occurredAtMillis} are all it carries)
 * @param name the event kind or the audit action
 * @param target what an audit entry acted on; empty for events
 * @param occurredAtMillis when it happened, epoch milliseconds
 */
record PendingWrite(
    UUID writeId,
    String type,
    UUID tenantId,
    UUID keyId,
    String name,
    String target,
    Map<String, String> attributes,
    long occurredAtMillis) {

  static final String EVENT = "event";
  static final String AUDIT = "audit";
  static final String KEY_USED = "key-used";

  PendingWrite {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    target = target == null ? "" : target;
  }

  static PendingWrite keyUsed(UUID keyId, long atMillis) {
    return new PendingWrite(
        UUID.randomUUID(), KEY_USED, null, keyId, "api-key.used", "", Map.of(), atMillis);
  }
}
