package com.architectreviewer.review;

import java.util.Objects;

/**
 * What a rule is: its stable id, title, default severity, and its documentation.
 *
 * @param id stable id such as {@code AR-DB-001}
 * @param title one line
 * @param severity default severity of its findings
 * @param rationale why it matters (tied to the reliability architecture)
 * @param remediation how to fix it, with a short code example
 * @param docs path of its documentation in the repository ({@code docs/rules/ID.md})
 */
public record Rule(
    String id, String title, Severity severity, String rationale, String remediation, String docs) {

  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(severity, "severity");
    rationale = rationale == null ? "" : rationale;
    remediation = remediation == null ? "" : remediation;
    docs = docs == null || docs.isBlank() ? "docs/rules/" + id + ".md" : docs;
  }

  /** A rule whose docs live at the conventional {@code docs/rules/ID.md}. */
  public static Rule of(
      String id, String title, Severity severity, String rationale, String remediation) {
    return new Rule(id, title, severity, rationale, remediation, null);
  }
}
