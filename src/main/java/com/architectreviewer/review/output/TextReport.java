package com.architectreviewer.review.output;

import com.architectreviewer.review.Finding;
import com.architectreviewer.review.ReviewReport;
import com.architectreviewer.review.Severity;

/** Human-readable output grouped by severity; ANSI colour only when asked (a TTY). */
public final class TextReport {

  private static final String RESET = "\u001b[0m";

  private TextReport() {}

  public static String render(ReviewReport report, boolean colour) {
    var sb = new StringBuilder();
    var titles = new java.util.HashMap<String, String>();
    report.rules().forEach(r -> titles.put(r.id(), r.title()));
    var groups = FindingGroups.of(report.findings());
    for (var severity : Severity.values()) {
      var mine = groups.stream().filter(g -> g.severity() == severity).toList();
      if (mine.isEmpty()) {
        continue;
      }
      int total = mine.stream().mapToInt(FindingGroups::count).sum();
      sb.append(paint(severity.name() + " (" + total + ")", severity, colour)).append('\n');
      for (var group : mine) {
        if (group.count() == 1) {
          single(sb, group.first());
        } else {
          grouped(sb, group, titles.getOrDefault(group.rule(), ""));
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

  private static void single(StringBuilder sb, Finding f) {
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
    snippet(sb, f);
  }

  /** One cause in many places: once, with the count, the places and the first instance. */
  private static void grouped(StringBuilder sb, FindingGroups group, String title) {
    sb.append("  ")
        .append(group.rule())
        .append(" x")
        .append(group.count())
        .append("  ")
        .append(title)
        .append(" (one cause, ")
        .append(group.count())
        .append(" places)\n    at ");
    var places = new java.util.ArrayList<String>();
    for (var f : group.findings()) {
      places.add(f.file() + ":" + f.startLine());
    }
    int shown = Math.min(places.size(), MAX_PLACES);
    sb.append(String.join("\n       ", places.subList(0, shown)));
    if (places.size() > shown) {
      sb.append(" (+").append(places.size() - shown).append(" more; --format json lists all)");
    }
    sb.append("\n    e.g. ").append(group.first().message()).append('\n');
    snippet(sb, group.first());
  }

  private static void snippet(StringBuilder sb, Finding f) {
    if (!f.snippet().isEmpty()) {
      for (var line : f.snippet().split("\n")) {
        sb.append("    > ").append(line).append('\n');
      }
    }
  }

  /** Places listed for a group before "+N more". */
  private static final int MAX_PLACES = 12;

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
