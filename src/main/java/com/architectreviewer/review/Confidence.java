package com.architectreviewer.review;

import java.util.Locale;

/** How sure a rule is about a finding; lowered when the project model had to guess. */
public enum Confidence {
  HIGH,
  MEDIUM,
  LOW;

  /** The lowercase name used in outputs. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** One step less sure (LOW stays LOW). */
  public Confidence lower() {
    return this == HIGH ? MEDIUM : LOW;
  }
}
