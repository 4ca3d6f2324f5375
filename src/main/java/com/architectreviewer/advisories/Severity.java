package com.architectreviewer.advisories;

import java.util.Locale;

/** Finding severities, most severe first; {@link #label()} is the API's lower-case name. */
public enum Severity {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW,
  INFO;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** CVSS v3 qualitative rating of a base score. */
  static Severity ofScore(double score) {
    if (score >= 9.0) {
      return CRITICAL;
    }
    if (score >= 7.0) {
      return HIGH;
    }
    if (score >= 4.0) {
      return MEDIUM;
    }
    return score > 0 ? LOW : INFO;
  }
}
