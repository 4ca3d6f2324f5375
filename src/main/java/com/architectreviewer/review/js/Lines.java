package com.architectreviewer.review.js;

/** Line access on source text. */
public final class Lines {

  private Lines() {}

  /**
   * The text of 1-based line {@code line}, without the line break; {@code ""} when out of range.
   */
  public static String line(String text, int line) {
    int start = 0;
    for (int l = 1; l < line; l++) {
      int nl = text.indexOf('\n', start);
      if (nl < 0) {
        return "";
      }
      start = nl + 1;
    }
    int end = text.indexOf('\n', start);
    var result = end < 0 ? text.substring(start) : text.substring(start, end);
    return result.endsWith("\r") ? result.substring(0, result.length() - 1) : result;
  }
}
