package com.architectreviewer.analytics;

import com.architectreviewer.kv.KeyValueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * The bounded buffer of writes the database could not take: a list in the KV layer, so a Redis list
 * shared by the instances when Redis is up, this process's memory otherwise. When full, the oldest
 * writes go and are counted.
 */
final class WriteBuffer {

  static final String KEY = "analytics:buffer";
  private static final String IN_FLIGHT_PREFIX = "analytics:buffer:in-flight:";
  private static final Logger log = LoggerFactory.getLogger(WriteBuffer.class);

  private final KeyValueStore kv;
  private final int capacity;
  private final AnalyticsMetrics metrics;
  private final ObjectMapper json;

  /** This instance's list of writes taken from the buffer and not yet confirmed stored. */
  private final String inFlight = IN_FLIGHT_PREFIX + UUID.randomUUID();

  /** What the last take moved to the in-flight list, as stored (only the pump thread uses it). */
  private List<String> lastTaken = List.of();

  WriteBuffer(KeyValueStore kv, int capacity, AnalyticsMetrics metrics, ObjectMapper json) {
    this.kv = kv;
    this.capacity = capacity;
    this.metrics = metrics;
    this.json = json;
  }

  /** Buffers writes that never reached the database. */
  void add(List<PendingWrite> batch) {
    append(batch);
    metrics.buffered.increment(batch.size());
  }

  /**
   * Takes up to {@code count} of the oldest writes. They stay in this instance's in-flight list
   * until {@link #stored()} or {@link #notStored()}: if a reply from Redis is lost, nothing is, and
   * the next {@link #take} returns them first.
   */
  List<PendingWrite> take(int count) {
    notStored();
    var taken = new ArrayList<PendingWrite>();
    lastTaken = kv.listMoveOldest(KEY, inFlight, count);
    for (String encoded : lastTaken) {
      try {
        taken.add(json.readValue(encoded, PendingWrite.class));
      } catch (JacksonException e) {
        metrics.dropped.increment();
        log.warn("Dropped an unreadable buffered write ({})", e.getClass().getSimpleName());
      }
    }
    return taken;
  }

  /**
   * The writes of the last {@link #take} are in the database: exactly those leave the in-flight
   * list (a move whose reply was lost may have put others there; they go back to the buffer).
   */
  void stored() {
    kv.listRemove(inFlight, lastTaken);
    lastTaken = List.of();
  }

  /** The writes of the last {@link #take} are not stored: back to the buffer (counted once). */
  void notStored() {
    while (!kv.listMoveOldest(inFlight, KEY, 1_000).isEmpty()) {
      // Until the in-flight list is empty.
    }
  }

  long size() {
    return kv.listLength(KEY);
  }

  private void append(List<PendingWrite> batch) {
    var encoded = batch.stream().map(json::writeValueAsString).toList();
    long dropped = kv.listAppendBounded(KEY, encoded, capacity);
    if (dropped > 0) {
      metrics.dropped.increment(dropped);
      log.warn(
          "The non-critical write buffer is full ({}); dropped the {} oldest writes",
          capacity,
          dropped);
    }
  }
}
