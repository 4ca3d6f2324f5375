package com.architectreviewer.kv;

import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the KV layer ({@code reviewer.kv.*}). The Redis server itself is named by the {@code
 * REDIS_URL} environment variable ({@code redis://[:password@]host:port[/db]} or {@code
 * rediss://…}); without it the KV layer is in-process.
 *
 * @param commandTimeout how long one Redis command may take before the caller falls back; short so
 *     that a dead or hanging Redis never holds a request
 * @param connectTimeout how long a connection attempt may take
 * @param fallbackPeriod after repeated failures, how long calls go straight to the in-process
 *     fallback before Redis is tried again
 * @param prefix the deployment's name, put in front of every Redis key and pub/sub channel ({@code
 *     <prefix>:<key>}), so that several deployments can share one Redis without seeing each other's
 *     data, rate-limit buckets or messages
 */
@ConfigurationProperties("reviewer.kv")
record KvProperties(
    Duration commandTimeout, Duration connectTimeout, Duration fallbackPeriod, String prefix) {

  static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(250);
  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofMillis(500);
  static final Duration DEFAULT_FALLBACK_PERIOD = Duration.ofSeconds(1);
  static final String DEFAULT_PREFIX = "reviewer";
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  KvProperties {
    commandTimeout = commandTimeout == null ? DEFAULT_COMMAND_TIMEOUT : commandTimeout;
    connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
    fallbackPeriod = fallbackPeriod == null ? DEFAULT_FALLBACK_PERIOD : fallbackPeriod;
    prefix = prefix == null ? DEFAULT_PREFIX : prefix;
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "reviewer.kv.prefix must be 1 to 64 letters, digits, '.', '_' or '-' (the deployment's"
              + " name, e.g. reviewer-staging)");
    }
    requirePositive("reviewer.kv.command-timeout", commandTimeout);
    requirePositive("reviewer.kv.connect-timeout", connectTimeout);
    requirePositive("reviewer.kv.fallback-period", fallbackPeriod);
  }

  static KvProperties defaults() {
    return new KvProperties(null, null, null, null);
  }

  private static void requirePositive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, e.g. 250ms");
    }
  }
}
