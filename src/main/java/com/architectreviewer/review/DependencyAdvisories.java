package com.architectreviewer.review;

import com.architectreviewer.advisories.AdvisoryCatalog;
import com.architectreviewer.advisories.AuditReport;
import com.architectreviewer.advisories.DependencyAudit;
import com.architectreviewer.advisories.DependencyFinding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The dependency advisories as a {@link FindingSource}: rule AR-DEP-001 over every lockfile and
 * manifest of the project, matched against an {@link AdvisoryCatalog} (the CLI's local store or the
 * platform's PostgreSQL). When the index is empty it reports nothing and says so in the notes;
 * unreadable lockfiles become notes too, never silence.
 */
public final class DependencyAdvisories implements FindingSource {

  public static final Rule RULE =
      Rule.of(
          DependencyFinding.RULE,
          "Dependency with a published vulnerability (OSV advisory)",
          Severity.HIGH,
          "A package the app installs is affected by a published advisory (CVE/GHSA/OSV). Known"
              + " vulnerabilities in dependencies are what automated attacks try first; the"
              + " severity comes from the advisory's CVSS vector, lowered when the curated"
              + " relevance table shows the vulnerable feature is not used.",
          "Upgrade the package to the smallest fixed version named in the finding (for a"
              + " transitive dependency, upgrade the top-level package on its path or add an"
              + " override/resolution), then regenerate the lockfile.");

  private final AdvisoryCatalog catalog;
  private final String source;

  /**
   * @param catalog the advisories to match against (the local store's index, or PostgreSQL)
   * @param source where they come from, for the notes (e.g. the store folder)
   */
  public DependencyAdvisories(AdvisoryCatalog catalog, String source) {
    this.catalog = catalog;
    this.source = source;
  }

  @Override
  public List<Rule> rules() {
    return List.of(RULE);
  }

  @Override
  public List<Finding> find(Project project, ReviewListener listener) {
    if (listener.isCancelled()) {
      throw new ReviewCancelled("dependency advisories");
    }
    AuditReport report;
    try {
      report = new DependencyAudit(catalog).audit(project.root());
    } catch (IOException e) {
      project.notes().add("dependency advisories: project not readable (" + e.getMessage() + ")");
      return List.of();
    }
    if (!report.advisoriesImported()) {
      if (report.dependencies() > 0) {
        project
            .notes()
            .add(
                "no dependency advisories imported ("
                    + source
                    + "): "
                    + report.dependencies()
                    + " packages were NOT checked for known vulnerabilities (AR-DEP-001); run"
                    + " `reviewer advisories import PATH` with an OSV folder or all.zip");
      }
    } else {
      project
          .notes()
          .add(
              "dependency advisories: "
                  + report.dependencies()
                  + " packages from "
                  + report.files().size()
                  + " lockfile(s)/manifest(s) checked against "
                  + report.advisories()
                  + " advisories ("
                  + source
                  + ")");
    }
    report.warnings().forEach(w -> project.notes().add("dependencies: " + w));
    var findings = new ArrayList<Finding>();
    for (DependencyFinding f : report.findings()) {
      findings.add(toFinding(f));
    }
    return findings;
  }

  static Finding toFinding(DependencyFinding f) {
    Confidence confidence =
        !f.exact() ? Confidence.LOW : f.relevance() != null ? Confidence.MEDIUM : Confidence.HIGH;
    String remediation =
        f.smallestFix() == null
            ? "No fixed version of "
                + f.packageName()
                + " is known: remove or replace it, or mitigate as the advisory describes."
            : "Upgrade "
                + f.packageName()
                + " to "
                + f.smallestFix()
                + (f.path().size() > 1
                    ? " (it comes in through " + f.path().getFirst() + "; upgrade that or override)"
                    : "")
                + " and regenerate the lockfile.";
    return new Finding(
        DependencyFinding.RULE,
        Severity.valueOf(f.severity().name()),
        confidence,
        f.file(),
        f.line(),
        1,
        f.line(),
        1,
        f.packageName() + "@" + f.installedVersion() + " " + f.advisoryId(),
        f.message(),
        remediation,
        "");
  }
}
