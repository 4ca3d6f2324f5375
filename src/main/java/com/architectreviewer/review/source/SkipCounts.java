package com.architectreviewer.review.source;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counts of skipped entries by reason (a skipped folder counts once). */
public final class SkipCounts {

  private final Map<SkipReason, LongAdder> counts = new ConcurrentHashMap<>();

  public void add(SkipReason reason) {
    counts.computeIfAbsent(reason, r -> new LongAdder()).increment();
  }

  public int get(SkipReason reason) {
    var adder = counts.get(reason);
    return adder == null ? 0 : adder.intValue();
  }

  /** Counts keyed by {@link SkipReason#id()}, sorted. */
  public Map<String, Integer> asMap() {
    var map = new TreeMap<String, Integer>();
    counts.forEach((reason, adder) -> map.put(reason.id(), adder.intValue()));
    return map;
  }
}
