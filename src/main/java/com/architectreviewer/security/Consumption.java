package com.architectreviewer.security;

/**
 * The answer of a token bucket to one request.
 *
 * @param consumed whether the request got a token
 * @param remaining tokens left after it
 * @param nanosToRefill when refused, how long until one token is back
 * @param nanosToReset how long until the bucket is full again
 */
record Consumption(boolean consumed, long remaining, long nanosToRefill, long nanosToReset) {

  long secondsToRefill() {
    return Math.max(1, ceilSeconds(nanosToRefill));
  }

  long secondsToReset() {
    return ceilSeconds(nanosToReset);
  }

  private static long ceilSeconds(long nanos) {
    return (nanos + 999_999_999L) / 1_000_000_000L;
  }
}
