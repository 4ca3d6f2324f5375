package com.architectreviewer.cache;

import java.time.Duration;

/**
 * A value read through the {@link TaggedCache}, with how it was served. Put {@link #cacheStatus()}
 * in the response's {@code Cache-Status} header (RFC 9211).
 *
 * @param freshness time the value stays fresh; negative when it is stale by that much
 */
public record Cached<T>(T value, Outcome outcome, Duration freshness) {

  /** How a read was served. */
  public enum Outcome {
    /** A fresh stored value. */
    HIT,
    /** Computed by this read and stored. */
    MISS,
    /** Waited for another read's computation of the same key (single flight). */
    COLLAPSED,
    /** Stale, served while one refresh runs in the background. */
    STALE,
    /** Stale, served because the last refresh failed (for example the database is down). */
    STALE_REFRESH_FAILED
  }

  /** The {@code Cache-Status} header value (RFC 9211), cache name {@code reviewer}. */
  public String cacheStatus() {
    long ttl = freshness.toSeconds();
    return switch (outcome) {
      case HIT -> "reviewer; hit; ttl=" + ttl;
      case MISS -> "reviewer; fwd=miss; stored";
      case COLLAPSED -> "reviewer; fwd=miss; collapsed";
      case STALE -> "reviewer; hit; ttl=" + ttl + "; fwd=stale; detail=revalidating";
      case STALE_REFRESH_FAILED -> "reviewer; hit; ttl=" + ttl + "; detail=stale-refresh-failed";
    };
  }

  public boolean isStale() {
    return outcome == Outcome.STALE || outcome == Outcome.STALE_REFRESH_FAILED;
  }
}
