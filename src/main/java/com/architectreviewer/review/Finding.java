package com.architectreviewer.review;

import java.util.Objects;

/**
 * One problem found in a repository.
 *
 * @param rule rule id such as {@code AR-DB-001}
 * @param severity how bad it is
 * @param confidence how sure the rule is
 * @param file path relative to the scanned root, with {@code /} separators
 * @param startLine 1-based line where the problem starts
 * @param startColumn 1-based column where the problem starts
 * @param endLine 1-based line where it ends
 * @param endColumn 1-based column where it ends (exclusive)
 * @param snippet the source line(s), with secrets redacted
 * @param message what is wrong, specific to this case
 * @param remediation how to fix it
 * @param fingerprint stable across unrelated edits (line moves); empty until the engine sets it
 */
public record Finding(
    String rule,
    Severity severity,
    Confidence confidence,
    String file,
    int startLine,
    int startColumn,
    int endLine,
    int endColumn,
    String snippet,
    String message,
    String remediation,
    String fingerprint) {

  public Finding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(confidence, "confidence");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
    snippet = snippet == null ? "" : snippet;
    remediation = remediation == null ? "" : remediation;
    fingerprint = fingerprint == null ? "" : fingerprint;
    startLine = Math.max(startLine, 1);
    startColumn = Math.max(startColumn, 1);
    endLine = Math.max(endLine, startLine);
    endColumn = Math.max(endColumn, 1);
  }

  /** The start line (the API's {@code line} field). */
  public int line() {
    return startLine;
  }

  /** A copy with another fingerprint. */
  public Finding withFingerprint(String value) {
    return new Finding(
        rule,
        severity,
        confidence,
        file,
        startLine,
        startColumn,
        endLine,
        endColumn,
        snippet,
        message,
        remediation,
        value);
  }

  /** A copy with the snippet and message replaced (used for redaction). */
  public Finding withText(String newSnippet, String newMessage) {
    return new Finding(
        rule,
        severity,
        confidence,
        file,
        startLine,
        startColumn,
        endLine,
        endColumn,
        newSnippet,
        newMessage,
        remediation,
        fingerprint);
  }

  /** A copy with another severity and confidence. */
  public Finding withRating(Severity newSeverity, Confidence newConfidence) {
    return new Finding(
        rule,
        newSeverity,
        newConfidence,
        file,
        startLine,
        startColumn,
        endLine,
        endColumn,
        snippet,
        message,
        remediation,
        fingerprint);
  }
}
