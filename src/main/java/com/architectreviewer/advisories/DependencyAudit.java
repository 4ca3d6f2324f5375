package com.architectreviewer.advisories;

import com.architectreviewer.advisories.lockfile.LockfileDiscovery;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;

/**
 * The dependency audit of one project: reads every lockfile and manifest under the root, matches
 * the packages against the advisories and applies the relevance table. Plain Java; safe to call
 * from any thread (each call has its own state).
 */
public final class DependencyAudit {

  private final AdvisoryCatalog catalog;

  public DependencyAudit(AdvisoryCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * Audits the project at {@code projectRoot}. Unreadable lockfiles become warnings in the report;
   * only an unreadable root throws.
   */
  public AuditReport audit(Path projectRoot) throws IOException {
    Path root = projectRoot.toRealPath();
    LockfileDiscovery.Result discovered = LockfileDiscovery.scan(root);
    var warnings = new ArrayList<>(discovered.warnings());
    var packages = new HashSet<String>();
    discovered
        .dependencies()
        .forEach(d -> packages.add(AdvisoryIndex.key(d.ecosystem(), d.name())));
    int available = catalog.size();
    AdvisoryIndex index = available == 0 ? AdvisoryIndex.empty() : catalog.indexFor(packages);
    var findings =
        new AdvisoryMatcher(index, RelevanceTable.curated())
            .match(discovered.dependencies(), root, warnings);
    return new AuditReport(
        findings, discovered.dependencies().size(), discovered.files(), warnings, available);
  }
}
