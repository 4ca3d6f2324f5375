package com.architectreviewer.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Memoised reads revalidated by tag (Next.js {@code unstable_cache} + {@code revalidateTag}), one
 * Caffeine cache per name in each process.
 *
 * <ul>
 *   <li>{@link #revalidateTag} (soft): readers get the stale value while exactly one refresh runs.
 *   <li>{@link #expireTag} (hard): the next read recomputes.
 *   <li>Concurrent misses of one key run the loader once; the others wait for its result.
 *   <li>Invalidations reach every instance over the KV layer's pub/sub; tag versions catch up with
 *       a missed message within {@code reviewer.cache.version-check}.
 *   <li>A stale value is still served when its refresh fails (the database is down), marked in
 *       {@link Cached#cacheStatus()}.
 * </ul>
 *
 * Loaders must not throw checked exceptions; a loader's exception on a miss reaches the caller.
 */
public final class TaggedCache {

  private static final Logger log = LoggerFactory.getLogger(TaggedCache.class);

  private final Map<String, AsyncCache<String, CacheEntry>> caches = new ConcurrentHashMap<>();
  private final TagVersions versions;
  private final CacheProperties properties;
  private final CacheMetrics metrics;
  private final Clock clock;
  private final ExecutorService refresher;

  TaggedCache(
      TagVersions versions,
      CacheProperties properties,
      CacheMetrics metrics,
      Clock clock,
      ExecutorService refresher) {
    this.versions = versions;
    this.properties = properties;
    this.metrics = metrics;
    this.clock = clock;
    this.refresher = refresher;
    versions.listener(this::applyLocally);
  }

  /** The cached value of the key, computing it with the loader when it is missing. */
  public <T> Cached<T> get(CacheKey key, Supplier<T> loader) {
    ConcurrentMap<String, CompletableFuture<CacheEntry>> map = map(key.cache());
    CompletableFuture<CacheEntry> current = map.get(key.key());
    if (current == null) {
      var mine = new CompletableFuture<CacheEntry>();
      current = map.putIfAbsent(key.key(), mine);
      if (current == null) {
        return computeMiss(key, loader, map, mine);
      }
    }
    if (!current.isDone()) {
      CacheEntry entry = join(current);
      return served(key, entry, Cached.Outcome.COLLAPSED, Duration.ZERO);
    }
    CacheEntry entry = join(current);
    Instant now = clock.instant();
    if (entry.isFreshAt(now)) {
      return served(key, entry, Cached.Outcome.HIT, Duration.between(now, entry.freshUntil));
    }
    if (entry.startRefresh(now)) {
      var stale = current;
      refresher.execute(() -> refresh(key, loader, map, stale, entry));
    }
    var outcome =
        entry.lastRefreshFailed() ? Cached.Outcome.STALE_REFRESH_FAILED : Cached.Outcome.STALE;
    return served(key, entry, outcome, Duration.between(now, entry.freshUntil));
  }

  /** Soft invalidation: values of the tag are served stale while one refresh runs. */
  public void revalidateTag(String tag) {
    metrics.invalidated(false);
    versions.invalidate(tag, false);
  }

  /** Hard invalidation: values of the tag are dropped; the next read recomputes. */
  public void expireTag(String tag) {
    metrics.invalidated(true);
    versions.invalidate(tag, true);
  }

  private <T> Cached<T> computeMiss(
      CacheKey key,
      Supplier<T> loader,
      ConcurrentMap<String, CompletableFuture<CacheEntry>> map,
      CompletableFuture<CacheEntry> mine) {
    CacheEntry entry;
    try {
      entry = compute(key, loader);
    } catch (RuntimeException | Error e) {
      map.remove(key.key(), mine);
      mine.completeExceptionally(e);
      throw e;
    }
    mine.complete(entry);
    return served(key, entry, Cached.Outcome.MISS, properties.freshFor());
  }

  private <T> void refresh(
      CacheKey key,
      Supplier<T> loader,
      ConcurrentMap<String, CompletableFuture<CacheEntry>> map,
      CompletableFuture<CacheEntry> stale,
      CacheEntry staleEntry) {
    try {
      CacheEntry fresh = compute(key, loader);
      // Replaced only if nothing expired or replaced it meanwhile.
      map.replace(key.key(), stale, CompletableFuture.completedFuture(fresh));
    } catch (RuntimeException e) {
      staleEntry.refreshFailed(clock.instant());
      metrics.refreshFailed(key.cache());
      log.warn(
          "Refresh of cache {} failed ({}); the stale value is served and the refresh retried",
          key.cache(),
          e.getClass().getSimpleName());
    }
  }

  private <T> CacheEntry compute(CacheKey key, Supplier<T> loader) {
    Map<String, String> before = versions.snapshot(key.tags());
    T value = loader.get();
    var entry = new CacheEntry(value, key.tags(), clock.instant().plus(properties.freshFor()));
    // A tag changed while we computed: the value may predate it, so it is stored stale.
    return versions.changedSince(before) ? entry.staleAt(clock.instant()) : entry;
  }

  private void applyLocally(String tag, boolean hard) {
    for (var cache : caches.values()) {
      var map = cache.asMap();
      map.forEach((k, future) -> {
        if (future.isDone() && !future.isCompletedExceptionally()) {
          CacheEntry entry = future.join();
          if (entry.tags.contains(tag)) {
            if (hard) {
              map.remove(k, future);
            } else {
              map.replace(
                  k, future, CompletableFuture.completedFuture(entry.staleAt(clock.instant())));
            }
          }
        }
      });
    }
  }

  @SuppressWarnings("unchecked")
  private <T> Cached<T> served(
      CacheKey key, CacheEntry entry, Cached.Outcome outcome, Duration freshness) {
    metrics.served(key.cache(), outcome);
    return new Cached<>((T) entry.value, outcome, freshness);
  }

  private ConcurrentMap<String, CompletableFuture<CacheEntry>> map(String cache) {
    return caches
        .computeIfAbsent(
            cache,
            name ->
                Caffeine.newBuilder()
                    .maximumSize(properties.maximumSize())
                    .expireAfterWrite(properties.keepFor())
                    .<String, CacheEntry>buildAsync())
        .asMap();
  }

  private static CacheEntry join(CompletableFuture<CacheEntry> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
    }
  }
}
