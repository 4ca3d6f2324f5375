package com.architectreviewer.advisories.lockfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code poetry.lock} (TOML {@code [[package]]} tables with their {@code dependencies}). The
 * top-level dependencies and their groups come from {@code pyproject.toml} beside it (Poetry's
 * {@code [tool.poetry.*dependencies]} and PEP 621 {@code [project]}); older lockfiles' {@code
 * category = "dev"} is honoured when there is no pyproject.
 */
final class PoetryLockParser implements LockfileParser {

  @Override
  public ParsedLockfile parse(Path file, String relative) throws IOException {
    var warnings = new ArrayList<String>();
    JsonNode root = Formats.tree(Formats.TOML, "TOML", file);
    String lockVersion = Formats.text(root.path("metadata"), "lock-version");
    if (lockVersion != null && !lockVersion.startsWith("1.") && !lockVersion.startsWith("2.")) {
      warnings.add(relative + ": unknown lock-version " + lockVersion + "; check results");
    }
    var graph = new LockGraph();
    Map<String, String> keys = new HashMap<>();
    for (JsonNode pkg : root.path("package")) {
      String name = Formats.pypiName(pkg.path("name").asString(""));
      String version = pkg.path("version").asString("");
      if (name.isEmpty() || version.isEmpty()) {
        warnings.add(relative + ": a [[package]] without name or version, skipped");
        continue;
      }
      String category = Formats.text(pkg, "category");
      Boolean dev = category == null ? null : !category.equals("main");
      graph.node(name, name, version, dev);
      keys.put(name, name);
    }
    for (JsonNode pkg : root.path("package")) {
      String from = Formats.pypiName(pkg.path("name").asString(""));
      for (Map.Entry<String, JsonNode> dep : Formats.fields(pkg.path("dependencies"))) {
        String to = keys.get(Formats.pypiName(dep.getKey()));
        if (to != null) {
          graph.edge(from, to);
        }
      }
    }
    Path pyproject = file.toAbsolutePath().getParent().resolve("pyproject.toml");
    if (Files.isRegularFile(pyproject)) {
      PyprojectRoots.add(pyproject, graph, keys);
    }
    if (!graph.hasRoots()) {
      graph.rootsFromUnreferenced();
    }
    return new ParsedLockfile(graph.resolve("PyPI", relative), warnings);
  }
}
