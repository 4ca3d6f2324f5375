package com.architectreviewer.review.output;

import com.architectreviewer.review.Finding;
import com.architectreviewer.review.ReviewReport;
import com.architectreviewer.review.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON output (schema in docs/json-output.md). */
public final class JsonReport {

  /** Bumped when a field changes meaning or disappears; additions keep it. */
  public static final int SCHEMA_VERSION = 1;

  private JsonReport() {}

  public static Map<String, Object> document(ReviewReport report, String toolVersion) {
    var rules = new LinkedHashMap<String, Rule>();
    report.rules().forEach(r -> rules.put(r.id(), r));
    var doc = new LinkedHashMap<String, Object>();
    doc.put("schemaVersion", SCHEMA_VERSION);
    doc.put("tool", Map.of("name", "architect-reviewer", "version", toolVersion));
    doc.put("root", report.root());
    var summary = new LinkedHashMap<String, Object>();
    summary.put("findings", report.findings().size());
    summary.put("bySeverity", report.countsBySeverity());
    summary.put("suppressed", report.suppressed().size());
    summary.put("filesScanned", report.filesScanned());
    summary.put("bytesScanned", report.bytesScanned());
    summary.put("durationMs", report.duration().toMillis());
    summary.put("skipped", report.skippedSorted());
    doc.put("summary", summary);
    var project = new LinkedHashMap<String, Object>();
    var apps = new ArrayList<Map<String, Object>>();
    for (var app : report.project().apps()) {
      var a = new LinkedHashMap<String, Object>();
      a.put("name", app.name());
      a.put("path", app.path());
      a.put("frameworks", app.frameworks());
      a.put("deployment", app.deployment());
      a.put("deploymentEvidence", app.deploymentEvidence());
      apps.add(a);
    }
    project.put("apps", apps);
    project.put("sourceFiles", report.project().sourceFiles());
    project.put("routeHandlers", report.project().routeHandlers());
    doc.put("project", project);
    doc.put("notes", report.notes());
    var findings = new ArrayList<Map<String, Object>>();
    report.findings().forEach(f -> findings.add(finding(f, rules.get(f.rule()))));
    doc.put("findings", findings);
    var groups = new ArrayList<Map<String, Object>>();
    for (var group : FindingGroups.of(report.findings())) {
      var g = new LinkedHashMap<String, Object>();
      var rule = rules.get(group.rule());
      g.put("rule", group.rule());
      g.put("title", rule == null ? group.rule() : rule.title());
      g.put("severity", group.severity().id());
      g.put("count", group.count());
      g.put("message", group.first().message());
      g.put("remediation", group.first().remediation());
      var places = new ArrayList<Map<String, Object>>();
      for (var f : group.findings()) {
        places.add(Map.of("file", f.file(), "line", f.startLine(), "fingerprint", f.fingerprint()));
      }
      g.put("places", places);
      groups.add(g);
    }
    doc.put("groups", groups);
    var suppressed = new ArrayList<Map<String, Object>>();
    for (var s : report.suppressed()) {
      var map = finding(s.finding(), rules.get(s.finding().rule()));
      map.put("suppression", Map.of("kind", s.kind(), "justification", s.justification()));
      suppressed.add(map);
    }
    doc.put("suppressed", suppressed);
    return doc;
  }

  static Map<String, Object> finding(Finding f, Rule rule) {
    var map = new LinkedHashMap<String, Object>();
    map.put("rule", f.rule());
    map.put("title", rule == null ? f.rule() : rule.title());
    map.put("severity", f.severity().id());
    map.put("confidence", f.confidence().id());
    map.put("file", f.file());
    map.put("line", f.startLine());
    map.put("column", f.startColumn());
    map.put("endLine", f.endLine());
    map.put("endColumn", f.endColumn());
    map.put("snippet", f.snippet());
    map.put("message", f.message());
    map.put("remediation", f.remediation());
    map.put("docs", rule == null ? "docs/rules/" + f.rule() + ".md" : rule.docs());
    map.put("fingerprint", f.fingerprint());
    return map;
  }

  static List<Object> list(Object... items) {
    return List.of(items);
  }
}
