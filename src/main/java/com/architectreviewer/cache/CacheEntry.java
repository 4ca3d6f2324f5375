package com.architectreviewer.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/** One stored value: fresh until {@code freshUntil}, then served stale while it is refreshed. */
final class CacheEntry {

  private static final Duration RETRY_FAILED_REFRESH_AFTER = Duration.ofSeconds(1);

  final Object value;
  final Set<String> tags;
  final Instant freshUntil;
  private final AtomicBoolean refreshing = new AtomicBoolean();
  private volatile Instant lastRefreshFailure;

  CacheEntry(Object value, Set<String> tags, Instant freshUntil) {
    this.value = value;
    this.tags = tags;
    this.freshUntil = freshUntil;
  }

  boolean isFreshAt(Instant now) {
    return now.isBefore(freshUntil);
  }

  /** The same value, stale from {@code now} on (or from earlier, if it already was). */
  CacheEntry staleAt(Instant now) {
    var copy = new CacheEntry(value, tags, freshUntil.isBefore(now) ? freshUntil : now);
    copy.lastRefreshFailure = lastRefreshFailure;
    return copy;
  }

  /** True for exactly one caller until the refresh ends; failed refreshes are retried after 1 s. */
  boolean startRefresh(Instant now) {
    Instant failed = lastRefreshFailure;
    if (failed != null && now.isBefore(failed.plus(RETRY_FAILED_REFRESH_AFTER))) {
      return false;
    }
    return refreshing.compareAndSet(false, true);
  }

  void refreshFailed(Instant now) {
    lastRefreshFailure = now;
    refreshing.set(false);
  }

  boolean lastRefreshFailed() {
    return lastRefreshFailure != null;
  }
}
