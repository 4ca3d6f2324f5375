package com.architectreviewer.cache;

import java.util.Set;

/**
 * Names one cached value: the cache it lives in (a metrics tag, e.g. {@code portfolio}), its key
 * within that cache (include the tenant for tenant data), and the tags that invalidate it.
 */
public record CacheKey(String cache, String key, Set<String> tags) {

  public CacheKey {
    if (cache == null || cache.isBlank() || key == null) {
      throw new IllegalArgumentException("A cache key needs a cache name and a key");
    }
    tags = Set.copyOf(tags);
  }

  public static CacheKey of(String cache, String key, String... tags) {
    return new CacheKey(cache, key, Set.of(tags));
  }
}
