package com.architectreviewer.review.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;

/**
 * Reads a kept file as text and classifies what only its content shows: binary (a NUL byte),
 * minified (very long lines) and generated (a generated-code marker near the top).
 */
public final class FileText {

  private static final int SNIFF = 8192;
  private static final int MINIFIED_LINE = 1500;

  private FileText() {}

  /**
   * The file's text, or empty when it is skipped (the reason is added to {@code skipped}).
   *
   * @param script whether minified/generated detection applies (JS/TS sources)
   */
  public static Optional<String> read(SourceFile file, boolean script, SkipCounts skipped) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file.absolute());
    } catch (IOException e) {
      skipped.add(SkipReason.UNREADABLE);
      return Optional.empty();
    }
    int sniff = Math.min(bytes.length, SNIFF);
    for (int i = 0; i < sniff; i++) {
      if (bytes[i] == 0) {
        skipped.add(SkipReason.BINARY);
        return Optional.empty();
      }
    }
    var text = new String(bytes, StandardCharsets.UTF_8);
    if (script) {
      var reason = contentReason(text);
      if (reason != null) {
        skipped.add(reason);
        return Optional.empty();
      }
    }
    return Optional.of(text);
  }

  private static SkipReason contentReason(String text) {
    var head = text.substring(0, Math.min(text.length(), 600));
    if (head.contains("@generated")
        || head.contains("Code generated")
        || head.contains("DO NOT EDIT")
        || head.contains("eslint-disable */\n/* prettier-ignore */")) {
      return SkipReason.GENERATED;
    }
    int lineStart = 0;
    int lines = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n') {
        if (i - lineStart > MINIFIED_LINE) {
          return SkipReason.MINIFIED;
        }
        lineStart = i + 1;
        if (++lines > 200) {
          break;
        }
      }
    }
    return null;
  }
}
