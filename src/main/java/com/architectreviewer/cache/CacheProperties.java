package com.architectreviewer.cache;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the tagged cache ({@code reviewer.cache.*}).
 *
 * @param freshFor how long a value is served without a refresh when no tag invalidates it
 * @param keepFor how long a value is kept at all; a stale value can be served (while the database
 *     is down, say) until then
 * @param maximumSize most values kept per cache
 * @param versionCheck how often each instance compares its tag versions with the shared ones, so an
 *     invalidation message it missed still takes effect
 */
@ConfigurationProperties("reviewer.cache")
record CacheProperties(
    Duration freshFor, Duration keepFor, Integer maximumSize, Duration versionCheck) {

  static final Duration DEFAULT_FRESH_FOR = Duration.ofMinutes(10);
  static final Duration DEFAULT_KEEP_FOR = Duration.ofHours(24);
  static final int DEFAULT_MAXIMUM_SIZE = 10_000;
  static final Duration DEFAULT_VERSION_CHECK = Duration.ofSeconds(5);

  CacheProperties {
    freshFor = freshFor == null ? DEFAULT_FRESH_FOR : freshFor;
    keepFor = keepFor == null ? DEFAULT_KEEP_FOR : keepFor;
    maximumSize = maximumSize == null ? DEFAULT_MAXIMUM_SIZE : maximumSize;
    versionCheck = versionCheck == null ? DEFAULT_VERSION_CHECK : versionCheck;
    if (keepFor.compareTo(freshFor) < 0) {
      throw new IllegalArgumentException(
          "reviewer.cache.keep-for (" + keepFor + ") must be at least reviewer.cache.fresh-for");
    }
    if (maximumSize < 1 || versionCheck.isNegative() || versionCheck.isZero()) {
      throw new IllegalArgumentException(
          "reviewer.cache.maximum-size and reviewer.cache.version-check must be positive");
    }
  }
}
