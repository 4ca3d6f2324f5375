package com.architectreviewer.security;

import java.time.Duration;

/** A named token bucket: {@code quota} requests per {@code window}, refilled continuously. */
record RateLimitPolicy(String name, long quota, Duration window) {

  static RateLimitPolicy of(String name, SecurityProperties.Limit limit) {
    return new RateLimitPolicy(name, limit.quota(), limit.window());
  }

  /** The IETF {@code RateLimit-Policy} item: {@code "name";q=600;w=60}. */
  String policyItem() {
    return "\"" + name + "\";q=" + quota + ";w=" + window.toSeconds();
  }
}
