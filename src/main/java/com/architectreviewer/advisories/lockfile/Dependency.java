package com.architectreviewer.advisories.lockfile;

import java.util.List;

/**
 * One installed (or, from a manifest alone, presumed) package.
 *
 * @param ecosystem OSV ecosystem name: {@code npm}, {@code Maven} or {@code PyPI}
 * @param name package name ({@code group:artifact} for Maven, PEP 503-normalised for PyPI)
 * @param version the installed version; for a manifest range, its lowest version
 * @param dev true when only development dependencies lead to it
 * @param path from a top-level dependency (first) to this package (last), each {@code
 *     name@version}; a workspace member, when there is one, comes first
 * @param exact false when the version comes from a range in a manifest (lower confidence)
 * @param file the lockfile or manifest it was read from, relative to the project root
 */
public record Dependency(
    String ecosystem,
    String name,
    String version,
    boolean dev,
    List<String> path,
    boolean exact,
    String file) {

  public Dependency {
    path = List.copyOf(path);
  }
}
