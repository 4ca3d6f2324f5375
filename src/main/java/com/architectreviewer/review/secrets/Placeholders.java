package com.architectreviewer.review.secrets;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Values that stand for a secret without being one: {@code your-key-here}, {@code <password>},
 * {@code xxxx}.
 */
public final class Placeholders {

  private static final List<String> MARKERS =
      List.of(
          "your",
          "example",
          "xxxx",
          "placeholder",
          "changeme",
          "change_me",
          "change-me",
          "replace",
          "dummy",
          "sample",
          "redacted",
          "insert",
          "todo",
          "fixme",
          "...",
          "…",
          "<",
          ">",
          "${",
          "{{",
          "***",
          "[",
          "process.env");
  private static final Set<String> WEAK_PASSWORDS =
      Set.of(
          "password",
          "postgres",
          "secret",
          "pass",
          "root",
          "admin",
          "mysql",
          "prisma",
          "test",
          "user",
          "dev",
          "development",
          "local",
          "docker",
          "example",
          "mongo",
          "redis",
          "pwd",
          "passwd");

  private Placeholders() {}

  /**
   * True when {@code value} is empty, a marker like {@code your-key-here}, or one repeated
   * character.
   */
  public static boolean isPlaceholder(String value) {
    var v = value.strip();
    if (v.isEmpty()) {
      return true;
    }
    var lower = v.toLowerCase(Locale.ROOT);
    for (var marker : MARKERS) {
      if (lower.contains(marker)) {
        return true;
      }
    }
    return v.chars().distinct().count() <= 2;
  }

  /** True for passwords that only ever appear in local development set-ups ({@code postgres}). */
  static boolean isDefaultPassword(String password) {
    return WEAK_PASSWORDS.contains(password.toLowerCase(Locale.ROOT)) || isPlaceholder(password);
  }
}
