package com.architectreviewer.analytics;

import com.architectreviewer.kv.KeyValueStore;
import java.util.ArrayList;
import java.util.List;
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
  private static final Logger log = LoggerFactory.getLogger(WriteBuffer.class);

  private final KeyValueStore kv;
  private final int capacity;
  private final AnalyticsMetrics metrics;
  private final ObjectMapper json;

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

  /** Puts back writes taken from the buffer whose write failed again (not counted twice). */
  void putBack(List<PendingWrite> batch) {
    append(batch);
  }

  List<PendingWrite> take(int count) {
    var taken = new ArrayList<PendingWrite>();
    for (String encoded : kv.listTakeOldest(KEY, count)) {
      try {
        taken.add(json.readValue(encoded, PendingWrite.class));
      } catch (JacksonException e) {
        metrics.dropped.increment();
        log.warn("Dropped an unreadable buffered write ({})", e.getClass().getSimpleName());
      }
    }
    return taken;
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
