package com.architectreviewer.advisories;

import java.util.List;

/**
 * What one import did.
 *
 * @param read advisories read from the source
 * @param added new advisories stored
 * @param updated stored advisories replaced by a newer {@code modified}
 * @param unchanged advisories skipped because the store already had them at that {@code modified}
 * @param withdrawn withdrawn advisories (removed from the store if they were there)
 * @param warnings documents that could not be read, each named
 * @param millis how long it took
 */
public record ImportSummary(
    int read,
    int added,
    int updated,
    int unchanged,
    int withdrawn,
    List<String> warnings,
    long millis) {

  public ImportSummary {
    warnings = List.copyOf(warnings);
  }

  /** Advisories per second over the whole import. */
  public double rate() {
    return millis == 0 ? read * 1000.0 : read * 1000.0 / millis;
  }
}
