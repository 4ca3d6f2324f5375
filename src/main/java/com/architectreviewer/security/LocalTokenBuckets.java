package com.architectreviewer.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Buckets in this process: the default without Redis, and the fallback while Redis is slow or down.
 * At most {@code maxBuckets} are kept (least recently used go first), so a flood of client
 * addresses cannot grow the heap without bound.
 */
final class LocalTokenBuckets implements TokenBuckets {

  static final int DEFAULT_MAX_BUCKETS = 100_000;

  private final Map<String, Bucket> buckets;

  LocalTokenBuckets(int maxBuckets) {
    this.buckets =
        new LinkedHashMap<>(1024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > maxBuckets;
          }
        };
  }

  @Override
  public Consumption tryConsume(String subject, RateLimitPolicy policy) {
    Bucket bucket;
    synchronized (buckets) {
      bucket = buckets.computeIfAbsent(policy.name() + ":" + subject, k -> newBucket(policy));
    }
    return from(bucket.tryConsumeAndReturnRemaining(1));
  }

  static Bandwidth bandwidth(RateLimitPolicy policy) {
    return Bandwidth.builder()
        .capacity(policy.quota())
        .refillGreedy(policy.quota(), policy.window())
        .build();
  }

  static Consumption from(ConsumptionProbe probe) {
    return new Consumption(
        probe.isConsumed(),
        probe.getRemainingTokens(),
        probe.getNanosToWaitForRefill(),
        probe.getNanosToWaitForReset());
  }

  private static Bucket newBucket(RateLimitPolicy policy) {
    return Bucket.builder().addLimit(bandwidth(policy)).build();
  }
}
