package com.architectreviewer.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the security module ({@code reviewer.security.*}).
 *
 * @param maxJsonBody largest accepted non-multipart request body; larger ones get 413
 * @param rateLimits the token-bucket policies
 * @param keyCache the in-process cache of authenticated API keys
 */
@ConfigurationProperties("reviewer.security")
record SecurityProperties(DataSize maxJsonBody, RateLimits rateLimits, KeyCacheSettings keyCache) {

  static final DataSize DEFAULT_MAX_JSON_BODY = DataSize.ofMegabytes(1);

  SecurityProperties {
    maxJsonBody = maxJsonBody == null ? DEFAULT_MAX_JSON_BODY : maxJsonBody;
    rateLimits = rateLimits == null ? RateLimits.defaults() : rateLimits;
    keyCache = keyCache == null ? KeyCacheSettings.defaults() : keyCache;
    if (maxJsonBody.toBytes() <= 0) {
      throw new IllegalArgumentException(
          "reviewer.security.max-json-body must be positive, e.g. 1MB");
    }
  }

  static SecurityProperties defaults() {
    return new SecurityProperties(null, null, null);
  }

  /**
   * The API-key cache ({@code reviewer.security.key-cache.*}).
   *
   * @param ttl how long an authenticated key is trusted without asking the database; revocations do
   *     not wait for it (they reach every process through PostgreSQL's NOTIFY, see {@link
   *     KeyCache}), it only bounds a process that can hear neither NOTIFY nor Redis
   * @param staleIfError how much longer a cached key keeps working while the database is
   *     unreachable (0: not at all)
   * @param maxSize most keys kept; unknown keys are never cached
   */
  record KeyCacheSettings(Duration ttl, Duration staleIfError, Integer maxSize) {

    static final Duration DEFAULT_TTL = Duration.ofSeconds(30);
    static final Duration MAX_TTL = Duration.ofMinutes(10);
    static final Duration DEFAULT_STALE_IF_ERROR = Duration.ofMinutes(5);
    static final int DEFAULT_MAX_SIZE = 10_000;

    KeyCacheSettings {
      ttl = ttl == null ? DEFAULT_TTL : ttl;
      staleIfError = staleIfError == null ? DEFAULT_STALE_IF_ERROR : staleIfError;
      maxSize = maxSize == null ? DEFAULT_MAX_SIZE : maxSize;
      if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
        throw new IllegalArgumentException(
            "reviewer.security.key-cache.ttl must be between 1ms and 10m, e.g. 30s");
      }
      if (staleIfError.isNegative()) {
        throw new IllegalArgumentException(
            "reviewer.security.key-cache.stale-if-error must not be negative, e.g. 5m or 0s");
      }
      if (maxSize < 1) {
        throw new IllegalArgumentException(
            "reviewer.security.key-cache.max-size must be at least 1, e.g. 10000");
      }
    }

    static KeyCacheSettings defaults() {
      return new KeyCacheSettings(null, null, null);
    }
  }

  /**
   * The rate-limit policies, each {@code quota} requests per {@code window}.
   *
   * @param enabled false turns rate limiting off (headers included)
   * @param general every authenticated API request, per API key
   * @param scans scan creation (repository scans, archive uploads, ingests, retries), per API key
   * @param aiPerMinute AI routes, per API key and minute
   * @param aiPerDay AI routes, per API key and day
   * @param unauthenticated requests without a valid key, per client IP (slows key guessing)
   * @param redisTimeout how long the Redis-backed limiter may take before the local bucket answers
   * @param redisRetryAfter after Redis failed, how long the local buckets answer before Redis is
   *     tried again
   */
  record RateLimits(
      Boolean enabled,
      Limit general,
      Limit scans,
      Limit aiPerMinute,
      Limit aiPerDay,
      Limit unauthenticated,
      Duration redisTimeout,
      Duration redisRetryAfter) {

    static final Limit DEFAULT_GENERAL = new Limit(600L, Duration.ofMinutes(1));
    static final Limit DEFAULT_SCANS = new Limit(30L, Duration.ofMinutes(1));
    static final Limit DEFAULT_AI_PER_MINUTE = new Limit(10L, Duration.ofMinutes(1));
    static final Limit DEFAULT_AI_PER_DAY = new Limit(200L, Duration.ofDays(1));
    static final Limit DEFAULT_UNAUTHENTICATED = new Limit(60L, Duration.ofMinutes(1));
    static final Duration DEFAULT_REDIS_TIMEOUT = Duration.ofMillis(200);
    static final Duration DEFAULT_REDIS_RETRY_AFTER = Duration.ofSeconds(1);

    RateLimits {
      enabled = enabled == null || enabled;
      general = Limit.orDefault(general, DEFAULT_GENERAL, "general");
      scans = Limit.orDefault(scans, DEFAULT_SCANS, "scans");
      aiPerMinute = Limit.orDefault(aiPerMinute, DEFAULT_AI_PER_MINUTE, "ai-per-minute");
      aiPerDay = Limit.orDefault(aiPerDay, DEFAULT_AI_PER_DAY, "ai-per-day");
      unauthenticated =
          Limit.orDefault(unauthenticated, DEFAULT_UNAUTHENTICATED, "unauthenticated");
      redisTimeout = redisTimeout == null ? DEFAULT_REDIS_TIMEOUT : redisTimeout;
      redisRetryAfter = redisRetryAfter == null ? DEFAULT_REDIS_RETRY_AFTER : redisRetryAfter;
      if (redisTimeout.isNegative() || redisTimeout.isZero()) {
        throw new IllegalArgumentException(
            "reviewer.security.rate-limits.redis-timeout must be positive, e.g. 200ms");
      }
    }

    static RateLimits defaults() {
      return new RateLimits(null, null, null, null, null, null, null, null);
    }
  }

  /** A quota of requests per window. */
  record Limit(Long quota, Duration window) {

    static Limit orDefault(Limit limit, Limit fallback, String name) {
      if (limit == null) {
        return fallback;
      }
      long quota = limit.quota() == null ? fallback.quota() : limit.quota();
      Duration window = limit.window() == null ? fallback.window() : limit.window();
      if (quota < 1 || window.isNegative() || window.toSeconds() < 1) {
        throw new IllegalArgumentException(
            "reviewer.security.rate-limits."
                + name
                + " needs quota >= 1 and window >= 1s (e.g. quota: 600, window: 1m)");
      }
      return new Limit(quota, window);
    }
  }
}
