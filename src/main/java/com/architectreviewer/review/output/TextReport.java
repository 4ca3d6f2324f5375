package com.architectreviewer.review.output;

import com.architectreviewer.review.ReviewReport;
import com.architectreviewer.review.Severity;

/** Human-readable output grouped by severity; ANSI colour only when asked (a TTY). */
public final class TextReport {

  private static final String RESET = "\u001b[0m";

  private TextReport() {}

  public static String render(ReviewReport report, boolean colour) {
    var sb = new StringBuilder();
    for (var severity : Severity.values()) {
      var group = report.findings().stream().filter(f -> f.severity() == severity).toList();
      if (group.isEmpty()) {
        continue;
      }
      sb.append(paint(severity.name() + " (" + group.size() + ")", severity, colour)).append('\n');
      for (var f : group) {
        sb.append("  ")
            .append(f.rule())
            .append("  ")
            .append(f.file())
            .append(':')
            .append(f.startLine())
            .append(':')
            .append(f.startColumn())
            .append("  [confidence ")
            .append(f.confidence().id())
            .append("]\n    ")
            .append(f.message())
            .append('\n');
        if (!f.snippet().isEmpty()) {
          for (var line : f.snippet().split("\n")) {
            sb.append("    > ").append(line).append('\n');
          }
        }
      }
      sb.append('\n');
    }
    var counts = report.countsBySeverity();
    sb.append(report.findings().size())
        .append(" finding(s): ")
        .append(counts.get("critical"))
        .append(" critical, ")
        .append(counts.get("high"))
        .append(" high, ")
        .append(counts.get("medium"))
        .append(" medium, ")
        .append(counts.get("low"))
        .append(" low, ")
        .append(counts.get("info"))
        .append(" info");
    if (!report.suppressed().isEmpty()) {
      sb.append("; ").append(report.suppressed().size()).append(" suppressed");
    }
    sb.append('\n');
    sb.append(report.filesScanned())
        .append(" files scanned (")
        .append(report.project().sourceFiles())
        .append(" JS/TS, ")
        .append(report.project().routeHandlers())
        .append(" request handlers) in ")
        .append(report.duration().toMillis())
        .append(" ms");
    if (!report.skipped().isEmpty()) {
      sb.append("; skipped ").append(report.skippedSorted());
    }
    sb.append('\n');
    for (var note : report.notes()) {
      sb.append("note: ").append(note).append('\n');
    }
    return sb.toString();
  }

  private static String paint(String text, Severity severity, boolean colour) {
    if (!colour) {
      return text;
    }
    var code =
        switch (severity) {
          case CRITICAL -> "\u001b[1;31m";
          case HIGH -> "\u001b[31m";
          case MEDIUM -> "\u001b[33m";
          case LOW -> "\u001b[36m";
          case INFO -> "\u001b[37m";
        };
    return code + text + RESET;
  }
}
