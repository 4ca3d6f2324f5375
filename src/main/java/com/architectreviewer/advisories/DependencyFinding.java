package com.architectreviewer.advisories;

import java.util.List;

/**
 * Rule AR-DEP-001: an installed package is affected by a published advisory.
 *
 * @param ecosystem {@code npm}, {@code Maven} or {@code PyPI}
 * @param packageName the affected package
 * @param installedVersion the version the lockfile installs (a range's lowest when not exact)
 * @param advisoryId the OSV id
 * @param aliases the advisory's other ids (CVE, GHSA)
 * @param summary the advisory's one-line summary
 * @param severity the reported severity, after relevance
 * @param advisorySeverity the severity the advisory itself carries
 * @param severitySource where the severity came from ("CVSS:3.1 base score 9.1", "database: HIGH")
 * @param fixedVersions every version the advisory names as fixed
 * @param smallestFix the smallest upgrade above the installed version that clears the advisory, or
 *     null when none is known
 * @param path from a top-level dependency to the package
 * @param dev true when only development dependencies lead to it
 * @param exact false when the version came from a manifest range (lower confidence)
 * @param file the lockfile or manifest, relative to the project root
 * @param line the line of the package in that file (1 when unknown)
 * @param relevance why the severity was lowered, or null when it was not
 */
public record DependencyFinding(
    String ecosystem,
    String packageName,
    String installedVersion,
    String advisoryId,
    List<String> aliases,
    String summary,
    Severity severity,
    Severity advisorySeverity,
    String severitySource,
    List<String> fixedVersions,
    String smallestFix,
    List<String> path,
    boolean dev,
    boolean exact,
    String file,
    int line,
    String relevance) {

  public static final String RULE = "AR-DEP-001";

  public DependencyFinding {
    aliases = List.copyOf(aliases);
    fixedVersions = List.copyOf(fixedVersions);
    path = List.copyOf(path);
  }

  /** One line for people: what, where, which advisory and what to do. */
  public String message() {
    var sb = new StringBuilder();
    sb.append(packageName).append('@').append(installedVersion).append(" is affected by ");
    sb.append(advisoryId);
    if (!aliases.isEmpty()) {
      sb.append(" (").append(String.join(", ", aliases)).append(')');
    }
    if (!summary.isBlank()) {
      sb.append(": ").append(summary);
    }
    sb.append(smallestFix == null ? ". No fixed version known" : ". Upgrade to " + smallestFix);
    if (path.size() > 1) {
      sb.append(". Path: ").append(String.join(" > ", path));
    }
    if (dev) {
      sb.append(". Development dependency only");
    }
    if (!exact) {
      sb.append(". Version taken from a range without a lockfile (lower confidence)");
    }
    if (relevance != null) {
      sb.append(". Downgraded from ")
          .append(advisorySeverity.label())
          .append(": ")
          .append(relevance);
    }
    return sb.toString();
  }
}
