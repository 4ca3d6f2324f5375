package com.architectreviewer.ai;

import java.util.UUID;
import java.util.regex.Pattern;

/** A finding's id in the API: {@code <scanId>:<position>} (a finding is the n-th of its scan). */
record FindingId(UUID scanId, int position) {

  private static final Pattern FORMAT =
      Pattern.compile(
          "([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}):([0-9]{1,9})");

  /** Null when the text is not a finding id. */
  static FindingId parse(String text) {
    var m = text == null ? null : FORMAT.matcher(text);
    if (m == null || !m.matches()) {
      return null;
    }
    return new FindingId(UUID.fromString(m.group(1)), Integer.parseInt(m.group(2)));
  }

  @Override
  public String toString() {
    return scanId + ":" + position;
  }
}
