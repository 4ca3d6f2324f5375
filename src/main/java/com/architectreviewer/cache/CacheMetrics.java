package com.architectreviewer.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Per cache: {@code reviewer_cache_requests_total{cache,result}} and refresh failures. */
final class CacheMetrics {

  private final MeterRegistry meters;

  CacheMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  void served(String cache, Cached.Outcome outcome) {
    String result =
        switch (outcome) {
          case HIT -> "hit";
          case MISS -> "miss";
          case COLLAPSED -> "collapsed";
          case STALE, STALE_REFRESH_FAILED -> "stale";
        };
    Counter.builder("reviewer.cache.requests")
        .description("Reads of the tagged cache by how they were served")
        .tag("cache", cache)
        .tag("result", result)
        .register(meters)
        .increment();
  }

  void refreshFailed(String cache) {
    Counter.builder("reviewer.cache.refresh.failures")
        .description("Background refreshes that failed; the stale value stayed")
        .tag("cache", cache)
        .register(meters)
        .increment();
  }

  void invalidated(boolean hard) {
    Counter.builder("reviewer.cache.invalidations")
        .tag("mode", hard ? "expire" : "revalidate")
        .register(meters)
        .increment();
  }
}
