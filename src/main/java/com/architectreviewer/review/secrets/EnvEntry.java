package com.architectreviewer.review.secrets;

/**
 * One {@code NAME=value} line of an env file.
 *
 * @param name the variable name
 * @param value the value with quotes and trailing comment removed
 * @param line 1-based line
 */
public record EnvEntry(String name, String value, int line) {

  /** The line as it may be shown: the name and a redacted value (never the value itself). */
  public String redactedLine() {
    return value.isEmpty() ? name + "=" : name + "=[redacted]";
  }
}
