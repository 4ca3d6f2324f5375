package com.architectreviewer.providers;

import java.time.Duration;
import java.util.Optional;

/**
 * One call to one provider failed. The message names the provider and the kind of failure only: it
 * never carries the provider's response body (which may echo the request) or the API key.
 */
class ProviderCallFailed extends RuntimeException {

  enum Kind {
    TIMEOUT,
    RATE_LIMITED,
    SERVER_ERROR,
    CLIENT_ERROR,
    MALFORMED,
    UNREACHABLE;

    String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final String provider;
  private final Kind kind;
  private final transient Duration retryAfter;

  ProviderCallFailed(String provider, Kind kind, String detail, Duration retryAfter) {
    super(
        "Provider '" + provider + "' failed: " + kind.tag() + " (" + detail + ")",
        null,
        false,
        false);
    this.provider = provider;
    this.kind = kind;
    this.retryAfter = retryAfter;
  }

  ProviderCallFailed(String provider, Kind kind, String detail) {
    this(provider, kind, detail, null);
  }

  String provider() {
    return provider;
  }

  Kind kind() {
    return kind;
  }

  Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** 429 and 5xx may pass by themselves; everything else fails over at once. */
  boolean retryable() {
    return kind == Kind.RATE_LIMITED || kind == Kind.SERVER_ERROR;
  }
}
