package com.architectreviewer.advisories;

import com.architectreviewer.advisories.lockfile.Dependency;
import com.architectreviewer.advisories.osv.Advisory;
import com.architectreviewer.advisories.osv.RangeEvaluator;
import com.architectreviewer.advisories.version.Schemes;
import com.architectreviewer.advisories.version.VersionScheme;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Matches dependencies against an {@link AdvisoryIndex} and turns matches into findings. */
final class AdvisoryMatcher {

  private final AdvisoryIndex index;
  private final RelevanceTable relevance;

  AdvisoryMatcher(AdvisoryIndex index, RelevanceTable relevance) {
    this.index = index;
    this.relevance = relevance;
  }

  List<DependencyFinding> match(List<Dependency> dependencies, Path root, List<String> warnings) {
    Map<String, DependencyFinding> findings = new LinkedHashMap<>();
    var lines = new LineLocator(root);
    for (Dependency dependency : dependencies) {
      Optional<VersionScheme> scheme = Schemes.forEcosystem(dependency.ecosystem());
      List<AdvisoryIndex.Entry> candidates =
          index.lookup(dependency.ecosystem(), dependency.name());
      if (scheme.isEmpty() || candidates.isEmpty()) {
        continue;
      }
      if (scheme.get().parse(dependency.version()).isEmpty()) {
        warnings.add(
            dependency.file()
                + ": "
                + dependency.name()
                + " version \""
                + dependency.version()
                + "\" is not a "
                + scheme.get().name()
                + " version; not checked");
        continue;
      }
      var evaluator = new RangeEvaluator(scheme.get());
      for (AdvisoryIndex.Entry entry : candidates) {
        if (!evaluator.affects(entry.affected(), dependency.version())) {
          continue;
        }
        String key =
            dependency.file()
                + "|"
                + dependency.name()
                + "|"
                + dependency.version()
                + "|"
                + entry.advisory().id();
        DependencyFinding existing = findings.get(key);
        if (existing != null && (existing.dev() == dependency.dev() || !existing.dev())) {
          continue;
        }
        findings.put(key, finding(dependency, entry, evaluator, root, lines));
      }
    }
    var result = new ArrayList<>(findings.values());
    result.sort(
        Comparator.comparing(DependencyFinding::severity)
            .thenComparing(DependencyFinding::dev)
            .thenComparing(DependencyFinding::packageName)
            .thenComparing(DependencyFinding::advisoryId));
    return result;
  }

  private DependencyFinding finding(
      Dependency dependency,
      AdvisoryIndex.Entry entry,
      RangeEvaluator evaluator,
      Path root,
      LineLocator lines) {
    Advisory advisory = entry.advisory();
    SeverityRating rating = SeverityRating.of(advisory);
    Optional<String> absent = relevance.absentCondition(advisory, root);
    Severity severity =
        absent.isEmpty()
            ? rating.severity()
            : rating.severity() == Severity.LOW || rating.severity() == Severity.INFO
                ? Severity.INFO
                : Severity.LOW;
    List<String> fixes = evaluator.fixesAbove(entry.affected(), dependency.version());
    return new DependencyFinding(
        dependency.ecosystem(),
        dependency.name(),
        dependency.version(),
        advisory.id(),
        advisory.aliases(),
        advisory.summary(),
        severity,
        rating.severity(),
        rating.source(),
        evaluator.fixedVersions(entry.affected()),
        fixes.isEmpty() ? null : fixes.getFirst(),
        dependency.path(),
        dependency.dev(),
        dependency.exact(),
        dependency.file(),
        lines.line(dependency.file(), dependency.name(), dependency.version()),
        absent.orElse(null));
  }
}
