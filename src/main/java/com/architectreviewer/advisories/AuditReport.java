package com.architectreviewer.advisories;

import java.util.List;

/**
 * The dependency part of a review.
 *
 * @param findings AR-DEP-001 findings, most severe first
 * @param dependencies how many packages the lockfiles and manifests named
 * @param files the lockfiles and manifests read, relative to the project root
 * @param warnings what could not be read or checked, each naming its file
 * @param advisories how many advisories were available; 0 means none imported, which the report
 *     must say
 */
public record AuditReport(
    List<DependencyFinding> findings,
    int dependencies,
    List<String> files,
    List<String> warnings,
    int advisories) {

  public AuditReport {
    findings = List.copyOf(findings);
    files = List.copyOf(files);
    warnings = List.copyOf(warnings);
  }

  public boolean advisoriesImported() {
    return advisories > 0;
  }
}
