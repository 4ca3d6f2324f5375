package com.architectreviewer.analytics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code reviewer_analytics_{written,buffered,drained,dropped}_total}. */
final class AnalyticsMetrics {

  final Counter written;
  final Counter buffered;
  final Counter drained;
  final Counter dropped;

  AnalyticsMetrics(MeterRegistry meters) {
    written = counter(meters, "written", "Non-critical writes stored in the database");
    buffered =
        counter(
            meters, "buffered", "Writes put in the buffer because the database was not healthy");
    drained = counter(meters, "drained", "Buffered writes stored after the database recovered");
    dropped =
        counter(
            meters,
            "dropped",
            "Writes lost because the buffer or staging queue was full (oldest first)");
  }

  private static Counter counter(MeterRegistry meters, String name, String description) {
    return Counter.builder("reviewer.analytics." + name).description(description).register(meters);
  }
}
