package com.architectreviewer.review;

import java.time.Clock;
import java.util.Objects;

/**
 * How to review.
 *
 * @param maxFileBytes source files larger than this are skipped ({@code too-large})
 * @param threads parallelism of the analysis stage (at least 1)
 * @param readConfigFile whether {@code .reviewer.yml} at the root is read (ignore entries)
 * @param clock measures the duration
 */
public record ReviewOptions(long maxFileBytes, int threads, boolean readConfigFile, Clock clock) {

  /** Files over 1 MiB are generated or data, not hand-written source. */
  public static final long DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

  public ReviewOptions {
    if (maxFileBytes <= 0) {
      throw new IllegalArgumentException("maxFileBytes must be positive");
    }
    threads = Math.max(1, threads);
    Objects.requireNonNull(clock, "clock");
  }

  /** 1 MiB files, one thread per core, {@code .reviewer.yml} read, the system clock. */
  public static ReviewOptions defaults() {
    return new ReviewOptions(
        DEFAULT_MAX_FILE_BYTES,
        Runtime.getRuntime().availableProcessors(),
        true,
        Clock.systemUTC());
  }

  public ReviewOptions withThreads(int value) {
    return new ReviewOptions(maxFileBytes, value, readConfigFile, clock);
  }

  public ReviewOptions withMaxFileBytes(long value) {
    return new ReviewOptions(value, threads, readConfigFile, clock);
  }

  public ReviewOptions withClock(Clock value) {
    return new ReviewOptions(maxFileBytes, threads, readConfigFile, value);
  }
}
