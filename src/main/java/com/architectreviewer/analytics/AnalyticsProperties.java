package com.architectreviewer.analytics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the non-critical writes ({@code reviewer.analytics.*}). The breaker's timings follow
 * the pool timeout ({@code reviewer.db.pool-timeout}) unless set here.
 *
 * @param maxConnections most pool connections the writes may hold at once (the bulkhead)
 * @param bufferCapacity most writes kept while the database is unhealthy; beyond, the oldest go
 * @param stagingCapacity most writes waiting in memory for the writer thread
 * @param batchSize writes per INSERT batch
 * @param flushInterval how often the writer thread runs
 * @param slowCall a write slower than this counts against the breaker; default: a tenth of the pool
 *     timeout, since a non-critical write holding a connection that long starves user requests
 * @param writeTimeout statement and lock timeout of one batch; default: half the pool timeout
 * @param openFor how long the breaker stays open before it lets two probe batches through
 * @param keyUsageInterval how often the API keys used meanwhile get their {@code last_used_at}
 *     written (one write per key, the latest use)
 */
@ConfigurationProperties("reviewer.analytics")
record AnalyticsProperties(
    Integer maxConnections,
    Integer bufferCapacity,
    Integer stagingCapacity,
    Integer batchSize,
    Duration flushInterval,
    Duration slowCall,
    Duration writeTimeout,
    Duration openFor,
    Duration keyUsageInterval) {

  static final int DEFAULT_MAX_CONNECTIONS = 2;
  static final int DEFAULT_BUFFER_CAPACITY = 100_000;
  static final int DEFAULT_STAGING_CAPACITY = 10_000;
  static final int DEFAULT_BATCH_SIZE = 500;
  static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(200);
  static final Duration DEFAULT_OPEN_FOR = Duration.ofSeconds(5);
  static final Duration DEFAULT_KEY_USAGE_INTERVAL = Duration.ofSeconds(10);

  AnalyticsProperties {
    maxConnections = maxConnections == null ? DEFAULT_MAX_CONNECTIONS : maxConnections;
    bufferCapacity = bufferCapacity == null ? DEFAULT_BUFFER_CAPACITY : bufferCapacity;
    stagingCapacity = stagingCapacity == null ? DEFAULT_STAGING_CAPACITY : stagingCapacity;
    batchSize = batchSize == null ? DEFAULT_BATCH_SIZE : batchSize;
    flushInterval = flushInterval == null ? DEFAULT_FLUSH_INTERVAL : flushInterval;
    openFor = openFor == null ? DEFAULT_OPEN_FOR : openFor;
    keyUsageInterval = keyUsageInterval == null ? DEFAULT_KEY_USAGE_INTERVAL : keyUsageInterval;
    if (keyUsageInterval.isNegative() || keyUsageInterval.isZero()) {
      throw new IllegalArgumentException(
          "reviewer.analytics.key-usage-interval must be positive, e.g. 10s");
    }
    if (maxConnections < 1 || maxConnections > 2) {
      throw new IllegalArgumentException(
          "reviewer.analytics.max-connections must be 1 or 2: non-critical writes never hold more");
    }
    if (bufferCapacity < 1 || stagingCapacity < 1 || batchSize < 1) {
      throw new IllegalArgumentException(
          "reviewer.analytics.buffer-capacity, staging-capacity and batch-size must be positive");
    }
  }

  Duration slowCallFor(Duration poolTimeout) {
    return slowCall != null ? slowCall : poolTimeout.dividedBy(10);
  }

  Duration writeTimeoutFor(Duration poolTimeout) {
    return writeTimeout != null ? writeTimeout : poolTimeout.dividedBy(2);
  }
}
