package com.architectreviewer.advisories.lockfile;

import java.util.List;

/**
 * What one lockfile or manifest yielded.
 *
 * @param dependencies the packages it names
 * @param warnings problems met while reading it, each naming the file; never silent
 */
public record ParsedLockfile(List<Dependency> dependencies, List<String> warnings) {
  public ParsedLockfile {
    dependencies = List.copyOf(dependencies);
    warnings = List.copyOf(warnings);
  }
}
