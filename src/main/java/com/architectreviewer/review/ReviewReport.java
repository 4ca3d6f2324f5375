package com.architectreviewer.review;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of one review.
 *
 * @param root the scanned folder (or the git URL for remote sources)
 * @param findings active findings, sorted by severity, file, line
 * @param suppressed findings silenced by a suppression
 * @param rules every rule that ran (for output metadata)
 * @param skipped skipped-file counts by reason ({@code gitignored}, {@code too-large}, ...)
 * @param filesScanned files read by the engine
 * @param bytesScanned bytes of the files read
 * @param project what the engine understood of the project
 * @param notes remarks on the review itself (missing inputs, guesses made)
 * @param duration wall time of the review
 */
public record ReviewReport(
    String root,
    List<Finding> findings,
    List<SuppressedFinding> suppressed,
    List<Rule> rules,
    Map<String, Integer> skipped,
    int filesScanned,
    long bytesScanned,
    ProjectSummary project,
    List<String> notes,
    Duration duration) {

  public ReviewReport {
    findings = List.copyOf(findings);
    suppressed = List.copyOf(suppressed);
    rules = List.copyOf(rules);
    skipped = Map.copyOf(skipped);
    notes = List.copyOf(notes);
  }

  /** Skipped counts sorted by reason (for stable output). */
  public Map<String, Integer> skippedSorted() {
    return new TreeMap<>(skipped);
  }

  /** Active findings counted by severity id, every severity present (zero when none). */
  public Map<String, Integer> countsBySeverity() {
    var counts = new java.util.LinkedHashMap<String, Integer>();
    for (var severity : Severity.values()) {
      counts.put(severity.id(), 0);
    }
    for (var finding : findings) {
      counts.merge(finding.severity().id(), 1, Integer::sum);
    }
    return counts;
  }

  /** True when an active finding is at {@code threshold} or worse. */
  public boolean hasFindingsAtLeast(Severity threshold) {
    return findings.stream().anyMatch(f -> f.severity().atLeast(threshold));
  }

  /** A copy with other active findings (used by baselines). */
  public ReviewReport withFindings(List<Finding> newFindings) {
    return new ReviewReport(
        root,
        newFindings,
        suppressed,
        rules,
        skipped,
        filesScanned,
        bytesScanned,
        project,
        notes,
        duration);
  }

  /** A copy showing another root label (a git URL instead of the temporary clone folder). */
  public ReviewReport withRoot(String newRoot) {
    return new ReviewReport(
        newRoot,
        findings,
        suppressed,
        rules,
        skipped,
        filesScanned,
        bytesScanned,
        project,
        notes,
        duration);
  }
}
