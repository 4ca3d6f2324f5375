package com.architectreviewer.review.rules;

import com.architectreviewer.review.Confidence;
import com.architectreviewer.review.Finding;
import com.architectreviewer.review.Rule;
import com.architectreviewer.review.Severity;
import com.architectreviewer.review.js.Lines;
import com.architectreviewer.review.model.ProjectModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Where checks report. Fills in the snippet (the source lines, trimmed) and the rule's remediation;
 * redaction, suppressions and fingerprints are applied later by the engine.
 */
public final class Findings {

  private static final int MAX_SNIPPET = 300;

  private final ProjectModel model;
  private final List<Finding> list = new ArrayList<>();

  public Findings(ProjectModel model) {
    this.model = model;
  }

  /** Reports at the rule's severity with high confidence. */
  public void add(Rule rule, Location at, String message) {
    add(rule, at, message, rule.severity(), Confidence.HIGH);
  }

  /** Reports with the rule's severity and the given confidence. */
  public void add(Rule rule, Location at, String message, Confidence confidence) {
    add(rule, at, message, rule.severity(), confidence);
  }

  /** Reports with an explicit severity and confidence. */
  public void add(
      Rule rule, Location at, String message, Severity severity, Confidence confidence) {
    list.add(
        new Finding(
            rule.id(),
            severity,
            confidence,
            at.file(),
            at.startLine(),
            at.startColumn(),
            at.endLine(),
            endColumn(at),
            snippet(at),
            message,
            rule.remediation(),
            ""));
  }

  /** Everything reported so far. */
  public List<Finding> all() {
    return List.copyOf(list);
  }

  private int endColumn(Location at) {
    if (at.endColumn() > 1 || at.endLine() != at.startLine()) {
      return at.endColumn();
    }
    var text = model.text(at.file()).map(t -> Lines.line(t, at.startLine())).orElse("");
    return text.length() + 1;
  }

  private String snippet(Location at) {
    var text = model.text(at.file()).orElse("");
    var sb = new StringBuilder();
    int last = Math.min(at.endLine(), at.startLine() + 2);
    for (int line = at.startLine(); line <= last; line++) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(Lines.line(text, line).strip());
    }
    var snippet = sb.toString();
    return snippet.length() > MAX_SNIPPET ? snippet.substring(0, MAX_SNIPPET) + "…" : snippet;
  }
}
