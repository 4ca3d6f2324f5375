package com.architectreviewer.analytics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Reads the connection pool's gauges ({@code hikaricp_connections_*}) from the meter registry, so
 * this module needs nothing of the db module.
 */
final class PoolPressure {

  private final MeterRegistry meters;

  PoolPressure(MeterRegistry meters) {
    this.meters = meters;
  }

  /** True while requests wait for a connection: non-critical writes must not take one then. */
  boolean hasWaiters() {
    Double pending = read("hikaricp.connections.pending");
    return pending != null && pending > 0;
  }

  /** A pool gauge summed over pools, or null when there is none. */
  Double read(String name) {
    var gauges = meters.find(name).gauges();
    if (gauges.isEmpty()) {
      return null;
    }
    return gauges.stream().mapToDouble(Gauge::value).sum();
  }
}
