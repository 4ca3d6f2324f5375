package com.architectreviewer.advisories.lockfile;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * Workspace members named by a root {@code package.json} ({@code "workspaces": ["packages/*"]} or
 * {@code {"packages": [...]}}): directories under the root that hold a {@code package.json}. Never
 * leaves the root directory.
 */
final class WorkspaceGlobs {

  private static final int MAX_DEPTH = 4;

  private WorkspaceGlobs() {}

  /** Member directories relative to {@code root}, with forward slashes. */
  static List<String> members(Path root, JsonNode manifest) {
    JsonNode workspaces = manifest.path("workspaces");
    if (workspaces.isObject()) {
      workspaces = workspaces.path("packages");
    }
    var members = new ArrayList<String>();
    Path base = root.toAbsolutePath().normalize();
    for (JsonNode glob : workspaces) {
      String pattern = glob.asString("");
      if (pattern.isBlank() || pattern.startsWith("/") || pattern.contains("..")) {
        continue;
      }
      var matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
      try (Stream<Path> dirs = Files.walk(base, MAX_DEPTH)) {
        dirs.filter(Files::isDirectory)
            .filter(d -> !d.toString().contains("node_modules"))
            .map(base::relativize)
            .filter(rel -> !rel.toString().isEmpty() && matcher.matches(rel))
            .filter(rel -> Files.isRegularFile(base.resolve(rel).resolve("package.json")))
            .map(rel -> rel.toString().replace('\\', '/'))
            .forEach(members::add);
      } catch (IOException unreadable) {
        // an unreadable tree has no members we can read
      }
    }
    return members.stream().distinct().sorted().toList();
  }
}
