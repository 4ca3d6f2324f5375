package com.architectreviewer.advisories.lockfile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.semver4j.Semver;
import org.semver4j.range.Range;
import org.semver4j.range.RangeList;
import org.semver4j.range.RangeListFactory;
import tools.jackson.databind.JsonNode;

/**
 * A {@code package.json} with no lockfile: only ranges are known, so each dependency is taken at
 * the lowest version its range allows and marked as not exact (lower confidence).
 */
final class PackageJsonParser implements LockfileParser {

  @Override
  public ParsedLockfile parse(Path file, String relative) throws IOException {
    JsonNode root = Formats.tree(Formats.JSON, "JSON", file);
    var dependencies = new ArrayList<Dependency>();
    var warnings = new ArrayList<String>();
    boolean any = false;
    for (String group : List.of("dependencies", "optionalDependencies", "devDependencies")) {
      boolean dev = group.equals("devDependencies");
      for (Map.Entry<String, JsonNode> e : Formats.fields(root.path(group))) {
        any = true;
        String name = e.getKey();
        String range = e.getValue().asString("");
        Optional<String> lowest = lowestVersion(range);
        if (lowest.isEmpty()) {
          warnings.add(
              relative
                  + ": "
                  + name
                  + " \""
                  + range
                  + "\" names no registry version range; not checked against advisories");
          continue;
        }
        dependencies.add(
            new Dependency(
                "npm", name, lowest.get(), dev, List.of(name + "@" + range), false, relative));
      }
    }
    if (any) {
      warnings.add(
          relative
              + ": no lockfile, versions taken from ranges (lowest allowed): lower confidence;"
              + " commit a lockfile for exact results");
    }
    return new ParsedLockfile(dependencies, warnings);
  }

  /** The lowest version an npm range admits, e.g. {@code ^1.2.3} → {@code 1.2.3}. */
  static Optional<String> lowestVersion(String range) {
    if (range.isBlank()
        || range.contains(":")
        || range.contains("/")
        || range.equals("*")
        || range.equals("latest")) {
      return Optional.empty();
    }
    try {
      RangeList list = RangeListFactory.create(range);
      Semver lowest = null;
      for (List<Range> conjunction : list.get()) {
        Semver bound = null;
        for (Range r : conjunction) {
          // Range has no operator getter; its text starts with the operator (">=1.2.3").
          if (!r.toString().startsWith("<")) {
            Semver v = r.getRangeVersion();
            bound = bound == null || v.isGreaterThan(bound) ? v : bound;
          }
        }
        if (bound != null && (lowest == null || bound.isLowerThan(lowest))) {
          lowest = bound;
        }
      }
      return lowest == null || lowest.equals(Semver.ZERO)
          ? Optional.empty()
          : Optional.of(lowest.getVersion());
    } catch (RuntimeException notARange) {
      return Optional.empty();
    }
  }
}
