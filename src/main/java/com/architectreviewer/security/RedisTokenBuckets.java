package com.architectreviewer.security;

import com.architectreviewer.kv.SharedRedis;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buckets in Redis (Bucket4j's compare-and-swap protocol over the process's one Lettuce client), so
 * a limit holds across every instance. Each answer is awaited at most {@code timeout}; when Redis
 * is slow or down the request is counted in the {@link LocalTokenBuckets} instead (fail open to a
 * per-instance limit), and Redis is left alone for {@code retryAfter} before it is tried again. The
 * outage is logged once, and its end once.
 *
 * <p>The first use connects to Redis and sets Bucket4j up, which can take longer than {@code
 * timeout} on a busy machine: {@link #warmUp()} does it in the background at start, so the first
 * requests find the connection open instead of falling back.
 */
final class RedisTokenBuckets implements TokenBuckets, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RedisTokenBuckets.class);

  /** How long the background warm-up at start waits for Redis. */
  static final Duration WARM_UP_LIMIT = Duration.ofSeconds(30);

  private final SharedRedis redis;
  private final LocalTokenBuckets fallback;
  private final long timeoutNanos;
  private final long retryAfterNanos;
  private final Counter fallbacks;
  private final ExecutorService connector =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().name("rate-limit-redis-connect").daemon().factory());
  private final AtomicBoolean outage = new AtomicBoolean();
  private final CompletableFuture<Boolean> warm = new CompletableFuture<>();
  private volatile AsyncProxyManager<String> proxies;
  private volatile long redisSkippedUntil;

  RedisTokenBuckets(
      SharedRedis redis,
      LocalTokenBuckets fallback,
      Duration timeout,
      Duration retryAfter,
      MeterRegistry meters) {
    this.redis = redis;
    this.fallback = fallback;
    this.timeoutNanos = timeout.toNanos();
    this.retryAfterNanos = retryAfter.toNanos();
    this.fallbacks =
        Counter.builder("reviewer_rate_limit_fallbacks")
            .description("Rate-limit decisions taken by the local bucket because Redis failed")
            .register(meters);
  }

  @Override
  public Consumption tryConsume(String subject, RateLimitPolicy policy) {
    if (System.nanoTime() - redisSkippedUntil < 0) {
      return local(subject, policy);
    }
    try {
      ConsumptionProbe probe =
          CompletableFuture.supplyAsync(this::proxies, connector)
              .thenCompose(manager ->
                  manager
                      .getProxy(
                          redis.key("rl:" + policy.name() + ":" + subject), () -> config(policy))
                      .tryConsumeAndReturnRemaining(1))
              .get(timeoutNanos, TimeUnit.NANOSECONDS);
      if (outage.compareAndSet(true, false)) {
        log.info("Redis answers the rate limiter again; limits are shared by every instance again");
      }
      return LocalTokenBuckets.from(probe);
    } catch (TimeoutException | ExecutionException | RuntimeException e) {
      return redisFailed(subject, policy, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return local(subject, policy);
    }
  }

  /**
   * Opens the Redis connection and takes a token from a warm-up bucket, in the background: returns
   * at once, never throws. When Redis does not answer within {@code WARM_UP_LIMIT} that is logged
   * and the requests find out for themselves (and fall back) as before.
   */
  void warmUp() {
    long start = System.nanoTime();
    var warmUp = new RateLimitPolicy("warm-up", 1, Duration.ofSeconds(1));
    CompletableFuture.supplyAsync(this::proxies, connector)
        .thenCompose(manager ->
            manager
                .getProxy(redis.key("rl:warm-up"), () -> config(warmUp))
                .tryConsumeAndReturnRemaining(1))
        .orTimeout(WARM_UP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((probe, error) -> {
          long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
          if (error == null) {
            log.info("Rate limiter connected to Redis in {} ms", millis);
          } else {
            log.info(
                "Rate limiter could not reach Redis at start within {} ms ({}); requests try it"
                    + " themselves",
                millis,
                rootCause(error).getClass().getSimpleName());
          }
          warm.complete(error == null);
        });
  }

  /** Completes once {@link #warmUp()} ended: true when Redis answered. */
  CompletableFuture<Boolean> warm() {
    return warm;
  }

  private static Throwable rootCause(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private Consumption redisFailed(String subject, RateLimitPolicy policy, Exception e) {
    redisSkippedUntil = System.nanoTime() + retryAfterNanos;
    if (outage.compareAndSet(false, true)) {
      log.warn(
          "Redis did not answer the rate limiter within {} ms ({}); limiting per instance until it"
              + " does, retrying Redis every {} ms",
          TimeUnit.NANOSECONDS.toMillis(timeoutNanos),
          e.getClass().getSimpleName(),
          TimeUnit.NANOSECONDS.toMillis(retryAfterNanos));
    }
    return local(subject, policy);
  }

  private Consumption local(String subject, RateLimitPolicy policy) {
    fallbacks.increment();
    return fallback.tryConsume(subject, policy);
  }

  private AsyncProxyManager<String> proxies() {
    var manager = proxies;
    if (manager == null) {
      var connection =
          redis
              .bytesConnection()
              .orElseThrow(() -> new IllegalStateException("REDIS_URL is not set"));
      manager =
          LettuceBasedProxyManager.builderFor(connection)
              .withExpirationStrategy(
                  ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                      Duration.ofSeconds(10)))
              .build()
              .asAsync();
      proxies = manager;
    }
    return manager;
  }

  private static CompletableFuture<BucketConfiguration> config(RateLimitPolicy policy) {
    return CompletableFuture.completedFuture(
        BucketConfiguration.builder().addLimit(LocalTokenBuckets.bandwidth(policy)).build());
  }

  @Override
  public void close() {
    connector.shutdownNow();
  }
}
