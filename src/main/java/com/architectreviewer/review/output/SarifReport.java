package com.architectreviewer.review.output;

import com.architectreviewer.review.Finding;
import com.architectreviewer.review.ReviewReport;
import com.architectreviewer.review.Rule;
import com.architectreviewer.review.Severity;
import com.architectreviewer.review.SuppressedFinding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SARIF 2.1.0 output: one run, rule metadata with help, partial fingerprints, suppressions. */
public final class SarifReport {

  public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  public static final String FINGERPRINT_KEY = "reviewerFingerprint/v1";
  static final String INFORMATION_URI = "https://github.com/architect-reviewer/reviewer";

  private SarifReport() {}

  public static Map<String, Object> document(ReviewReport report, String toolVersion) {
    return document(report, toolVersion, List.of());
  }

  /**
   * The document, with {@code guids.get(i)} as the {@code guid} of the i-th finding's result (the
   * platform's stable finding ids); {@code guids} is empty or has one entry per finding.
   */
  public static Map<String, Object> document(
      ReviewReport report, String toolVersion, List<java.util.UUID> guids) {
    if (!guids.isEmpty() && guids.size() != report.findings().size()) {
      throw new IllegalArgumentException(
          "one guid per finding: " + guids.size() + " for " + report.findings().size());
    }
    var rules = new ArrayList<Map<String, Object>>();
    var index = new HashMap<String, Integer>();
    for (var rule : report.rules()) {
      index.put(rule.id(), rules.size());
      rules.add(rule(rule));
    }
    var results = new ArrayList<Map<String, Object>>();
    for (int i = 0; i < report.findings().size(); i++) {
      var result = result(report.findings().get(i), index, null);
      if (!guids.isEmpty()) {
        result.put("guid", guids.get(i).toString());
      }
      results.add(result);
    }
    for (var s : report.suppressed()) {
      results.add(result(s.finding(), index, s));
    }
    var driver = new LinkedHashMap<String, Object>();
    driver.put("name", "architect-reviewer");
    driver.put("semanticVersion", toolVersion);
    driver.put("informationUri", INFORMATION_URI);
    driver.put("rules", rules);
    var run = new LinkedHashMap<String, Object>();
    run.put("tool", Map.of("driver", driver));
    run.put(
        "originalUriBaseIds",
        Map.of("SRCROOT", Map.of("description", Map.of("text", "the scanned repository root"))));
    run.put("results", results);
    run.put(
        "invocations",
        List.of(Map.of("executionSuccessful", true, "toolExecutionNotifications", notes(report))));
    var doc = new LinkedHashMap<String, Object>();
    doc.put("$schema", SCHEMA);
    doc.put("version", "2.1.0");
    doc.put("runs", List.of(run));
    return doc;
  }

  private static List<Map<String, Object>> notes(ReviewReport report) {
    var list = new ArrayList<Map<String, Object>>();
    for (var note : report.notes()) {
      list.add(Map.of("level", "note", "message", Map.of("text", note)));
    }
    return list;
  }

  private static Map<String, Object> rule(Rule rule) {
    var map = new LinkedHashMap<String, Object>();
    map.put("id", rule.id());
    map.put("name", pascal(rule.title()));
    map.put("shortDescription", Map.of("text", rule.title()));
    map.put(
        "fullDescription",
        Map.of("text", rule.rationale().isEmpty() ? rule.title() : rule.rationale()));
    var help = rule.rationale() + "\n\nFix:\n" + rule.remediation();
    map.put(
        "help",
        Map.of(
            "text",
            help,
            "markdown",
            "**"
                + rule.title()
                + "**\n\n"
                + rule.rationale()
                + "\n\n```\n"
                + rule.remediation()
                + "\n```\n\nSee `"
                + rule.docs()
                + "`."));
    map.put("defaultConfiguration", Map.of("level", level(rule.severity())));
    map.put(
        "properties",
        Map.of(
            "tags",
            List.of("reliability", "architecture"),
            "problem.severity",
            rule.severity().id(),
            "docs",
            rule.docs()));
    return map;
  }

  private static Map<String, Object> result(
      Finding f, Map<String, Integer> ruleIndex, SuppressedFinding suppressed) {
    var region = new LinkedHashMap<String, Object>();
    region.put("startLine", f.startLine());
    region.put("startColumn", f.startColumn());
    region.put("endLine", f.endLine());
    region.put("endColumn", f.endColumn());
    if (!f.snippet().isEmpty()) {
      region.put("snippet", Map.of("text", f.snippet()));
    }
    var physical = new LinkedHashMap<String, Object>();
    physical.put("artifactLocation", Map.of("uri", f.file(), "uriBaseId", "SRCROOT"));
    physical.put("region", region);
    var result = new LinkedHashMap<String, Object>();
    result.put("ruleId", f.rule());
    var idx = ruleIndex.get(f.rule());
    if (idx != null) {
      result.put("ruleIndex", idx);
    }
    result.put("level", level(f.severity()));
    result.put("message", Map.of("text", f.message()));
    result.put("locations", List.of(Map.of("physicalLocation", physical)));
    result.put("partialFingerprints", Map.of(FINGERPRINT_KEY, f.fingerprint()));
    result.put(
        "properties",
        Map.of(
            "severity", f.severity().id(),
            "confidence", f.confidence().id(),
            "remediation", f.remediation()));
    if (suppressed != null) {
      result.put(
          "suppressions",
          List.of(Map.of("kind", suppressed.kind(), "justification", suppressed.justification())));
    }
    return result;
  }

  static String level(Severity severity) {
    return switch (severity) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, INFO -> "note";
    };
  }

  private static String pascal(String title) {
    var sb = new StringBuilder();
    for (var word : title.split("[^A-Za-z0-9]+")) {
      if (!word.isEmpty()) {
        sb.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return sb.toString();
  }
}
