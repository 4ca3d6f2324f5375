package com.architectreviewer.review;

import java.util.Locale;

/**
 * How bad a finding is, from the worst down; {@link #id()} is the lowercase name used in outputs.
 */
public enum Severity {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW,
  INFO;

  /** The lowercase name used in every output format ({@code critical}, {@code high}, ...). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when this severity is as bad as {@code threshold} or worse. */
  public boolean atLeast(Severity threshold) {
    return ordinal() <= threshold.ordinal();
  }

  /**
   * Parses {@code critical|high|medium|low|info} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Severity parse(String text) {
    for (var severity : values()) {
      if (severity.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return severity;
      }
    }
    throw new IllegalArgumentException(
        "unknown severity '" + text + "' (expected critical, high, medium, low or info)");
  }
}
