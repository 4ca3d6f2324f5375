package com.architectreviewer.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.architectreviewer.kv.KeyValueStore;
import com.architectreviewer.kv.KeyValueStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaggedCacheTest {

  private static final CacheKey PORTFOLIO = CacheKey.of("portfolio", "tenant-a", "portfolio:a");

  private final MutableClock clock = new MutableClock();
  private final KeyValueStore kv = KeyValueStores.inProcess(clock);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ExecutorService refresher = Executors.newVirtualThreadPerTaskExecutor();
  private final TagVersions versions = new TagVersions(kv, Duration.ofHours(1));
  private final TaggedCache cache =
      new TaggedCache(
          versions,
          new CacheProperties(Duration.ofMinutes(1), Duration.ofHours(1), 100, null),
          new CacheMetrics(meters),
          clock,
          refresher);
  private final AtomicInteger loads = new AtomicInteger();

  @AfterEach
  void close() throws Exception {
    versions.close();
    refresher.shutdownNow();
    ((AutoCloseable) kv).close();
  }

  private String load() {
    return "v" + loads.incrementAndGet();
  }

  @Test
  void aMissComputesAndStoresThenReadsHit() {
    var first = cache.get(PORTFOLIO, this::load);
    var second = cache.get(PORTFOLIO, this::load);
    assertThat(first.outcome()).isEqualTo(Cached.Outcome.MISS);
    assertThat(second.outcome()).isEqualTo(Cached.Outcome.HIT);
    assertThat(second.value()).isEqualTo("v1");
    assertThat(second.cacheStatus()).isEqualTo("reviewer; hit; ttl=60");
    assertThat(loads).hasValue(1);
    assertThat(requests("hit")).isEqualTo(1);
    assertThat(requests("miss")).isEqualTo(1);
  }

  @Test
  void softRevalidationServesTheStaleValueWhileExactlyOneRefreshRuns() throws Exception {
    cache.get(PORTFOLIO, this::load);
    var release = new CountDownLatch(1);
    var refreshes = new AtomicInteger();
    cache.revalidateTag("portfolio:a");

    for (int i = 0; i < 20; i++) {
      var stale =
          cache.get(
              PORTFOLIO,
              () -> {
                refreshes.incrementAndGet();
                awaitLatch(release);
                return "fresh";
              });
      assertThat(stale.value()).isEqualTo("v1");
      assertThat(stale.outcome()).isEqualTo(Cached.Outcome.STALE);
      assertThat(stale.cacheStatus()).contains("fwd=stale").contains("detail=revalidating");
    }
    release.countDown();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> cache.get(PORTFOLIO, this::load).value().equals("fresh"));
    assertThat(refreshes).hasValue(1);
    assertThat(cache.get(PORTFOLIO, this::load).outcome()).isEqualTo(Cached.Outcome.HIT);
    assertThat(requests("stale")).isEqualTo(20);
  }

  @Test
  void hardExpiryMakesTheNextReadRecompute() {
    cache.get(PORTFOLIO, this::load);
    cache.expireTag("portfolio:a");
    var next = cache.get(PORTFOLIO, this::load);
    assertThat(next.outcome()).isEqualTo(Cached.Outcome.MISS);
    assertThat(next.value()).isEqualTo("v2");
  }

  @Test
  void otherTagsAreUntouched() {
    var providers = CacheKey.of("providers", "all", CacheTags.PROVIDERS);
    cache.get(PORTFOLIO, this::load);
    cache.get(providers, this::load);
    cache.expireTag("portfolio:b");
    cache.revalidateTag("portfolio:b");
    assertThat(cache.get(PORTFOLIO, this::load).outcome()).isEqualTo(Cached.Outcome.HIT);
    assertThat(cache.get(providers, this::load).outcome()).isEqualTo(Cached.Outcome.HIT);
  }

  @Test
  void valuesGoStaleAfterTheirFreshnessAndAreRefreshed() {
    cache.get(PORTFOLIO, this::load);
    clock.advance(Duration.ofSeconds(61));
    var stale = cache.get(PORTFOLIO, this::load);
    assertThat(stale.outcome()).isEqualTo(Cached.Outcome.STALE);
    assertThat(stale.freshness()).isEqualTo(Duration.ofSeconds(-1));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> cache.get(PORTFOLIO, this::load).value().equals("v2"));
  }

  @Test
  void aHundredConcurrentMissesRunTheLoaderOnce() throws Exception {
    var release = new CountDownLatch(1);
    var outcomes = new ConcurrentLinkedQueue<Cached.Outcome>();
    var values = new ConcurrentLinkedQueue<String>();
    var threads = new ArrayList<Thread>();
    for (int i = 0; i < 100; i++) {
      threads.add(
          Thread.ofPlatform()
              .start(() -> {
                var read =
                    cache.get(
                        PORTFOLIO,
                        () -> {
                          awaitLatch(release);
                          return load();
                        });
                outcomes.add(read.outcome());
                values.add(read.value());
              }));
    }
    // Every reader is parked: one in the loader, 99 waiting for its result.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
    release.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(loads).hasValue(1);
    assertThat(values).hasSize(100).containsOnly("v1");
    assertThat(outcomes).filteredOn(o -> o == Cached.Outcome.MISS).hasSize(1);
    assertThat(outcomes).filteredOn(o -> o == Cached.Outcome.COLLAPSED).hasSize(99);
  }

  @Test
  void aFailedMissReachesEveryWaiterAndIsNotStored() {
    assertThatThrownBy(() ->
            cache.get(
                PORTFOLIO,
                () -> {
                  throw new IllegalStateException("database down");
                }))
        .hasMessage("database down");
    assertThat(cache.get(PORTFOLIO, this::load).outcome()).isEqualTo(Cached.Outcome.MISS);
  }

  @Test
  void aFailedRefreshKeepsServingTheStaleValueAndIsCounted() {
    cache.get(PORTFOLIO, this::load);
    cache.revalidateTag("portfolio:a");
    cache.get(
        PORTFOLIO,
        () -> {
          throw new IllegalStateException("database down");
        });
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() ->
            meters.counter("reviewer.cache.refresh.failures", "cache", "portfolio").count() == 1);
    var stale = cache.get(PORTFOLIO, this::load);
    assertThat(stale.value()).isEqualTo("v1");
    assertThat(stale.outcome()).isEqualTo(Cached.Outcome.STALE_REFRESH_FAILED);
    assertThat(stale.cacheStatus()).contains("detail=stale-refresh-failed");
  }

  @Test
  void aValueComputedWhileItsTagWasInvalidatedIsStoredStale() {
    var raced =
        cache.get(
            PORTFOLIO,
            () -> {
              cache.revalidateTag("portfolio:a");
              return load();
            });
    assertThat(raced.outcome()).isEqualTo(Cached.Outcome.MISS);
    assertThat(cache.get(PORTFOLIO, this::load).isStale()).isTrue();
  }

  @Test
  void aMissedInvalidationMessageIsCaughtByTheVersionCheck() {
    cache.get(PORTFOLIO, this::load);
    // Another instance's invalidation whose message never arrived: only the shared hash has it.
    kv.hashPut(TagVersions.HASH, Map.of("portfolio:a", "H:elsewhere"), Duration.ofMinutes(1));
    assertThat(cache.get(PORTFOLIO, this::load).outcome()).isEqualTo(Cached.Outcome.HIT);
    versions.compareWithShared();
    assertThat(cache.get(PORTFOLIO, this::load).outcome()).isEqualTo(Cached.Outcome.MISS);
  }

  @Test
  void invalidationEventsInvalidateTheirTags() {
    cache.get(PORTFOLIO, this::load);
    new InvalidationEvents(cache).on(InvalidateTags.hard("portfolio:a"));
    assertThat(cache.get(PORTFOLIO, this::load).outcome()).isEqualTo(Cached.Outcome.MISS);
  }

  private double requests(String result) {
    return meters
        .counter("reviewer.cache.requests", "cache", "portfolio", "result", result)
        .count();
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static final class MutableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-11-27T08:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
