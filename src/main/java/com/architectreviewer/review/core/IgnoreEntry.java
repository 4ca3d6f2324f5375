package com.architectreviewer.review.core;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;

/**
 * A {@code .reviewer.yml} ignore entry: a rule (or {@code *}), a path glob and a required reason.
 *
 * @param rule rule id or {@code *}
 * @param glob path glob relative to the root ({@code **} crosses folders)
 * @param reason why the finding is accepted
 */
public record IgnoreEntry(String rule, String glob, String reason) {

  boolean matches(String ruleId, String file) {
    if (!rule.equals("*") && !rule.equals(ruleId)) {
      return false;
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    var path = Path.of(file);
    return matcher.matches(path) || (glob.startsWith("**/") && matchesTopLevel(file));
  }

  private boolean matchesTopLevel(String file) {
    return FileSystems.getDefault()
        .getPathMatcher("glob:" + glob.substring(3))
        .matches(Path.of(file));
  }
}
