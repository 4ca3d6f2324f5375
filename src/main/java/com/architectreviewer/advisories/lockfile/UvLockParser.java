package com.architectreviewer.advisories.lockfile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code uv.lock} (TOML, {@code version = 1}): {@code [[package]]} tables; the project's own
 * packages ({@code source = { editable | virtual }}) are the workspace members, whose {@code
 * dependencies} and {@code optional-dependencies} are production roots and whose {@code
 * dev-dependencies} are development roots.
 */
final class UvLockParser implements LockfileParser {

  @Override
  public ParsedLockfile parse(Path file, String relative) throws IOException {
    var warnings = new ArrayList<String>();
    JsonNode root = Formats.tree(Formats.TOML, "TOML", file);
    int version = root.path("version").asInt(-1);
    if (version != 1) {
      warnings.add(
          relative + ": unknown uv.lock version " + version + ", read as version 1; check results");
    }
    var graph = new LockGraph();
    Map<String, List<String>> byName = new HashMap<>();
    var members = new ArrayList<JsonNode>();
    for (JsonNode pkg : root.path("package")) {
      String name = Formats.pypiName(pkg.path("name").asString(""));
      String ver = pkg.path("version").asString("");
      JsonNode source = pkg.path("source");
      if (source.has("editable") || source.has("virtual")) {
        members.add(pkg);
        continue;
      }
      if (name.isEmpty() || ver.isEmpty()) {
        warnings.add(relative + ": package \"" + name + "\" has no version; not checked");
        continue;
      }
      String key = name + "@" + ver;
      graph.node(key, name, ver, null);
      byName.computeIfAbsent(name, k -> new ArrayList<>()).add(key);
    }
    for (JsonNode pkg : root.path("package")) {
      if (members.contains(pkg)) {
        continue;
      }
      String from =
          Formats.pypiName(pkg.path("name").asString("")) + "@" + pkg.path("version").asString("");
      for (JsonNode dep : allDependencies(pkg, "optional-dependencies")) {
        String to = target(dep, byName);
        if (to != null) {
          graph.edge(from, to);
        }
      }
    }
    for (JsonNode member : members) {
      String name = member.path("name").asString("");
      String via = members.size() > 1 ? name : null;
      for (JsonNode dep : allDependencies(member, "optional-dependencies")) {
        addRoot(graph, dep, byName, false, via);
      }
      for (JsonNode dep : allDependencies(member, "dev-dependencies")) {
        addRoot(graph, dep, byName, true, via);
      }
    }
    if (!graph.hasRoots()) {
      graph.rootsFromUnreferenced();
    }
    return new ParsedLockfile(graph.resolve("PyPI", relative), warnings);
  }

  private static void addRoot(
      LockGraph graph, JsonNode dep, Map<String, List<String>> byName, boolean dev, String via) {
    String to = target(dep, byName);
    if (to != null) {
      graph.root(to, dev, via);
    }
  }

  /** {@code dependencies} plus every list in the named table of groups. */
  private static List<JsonNode> allDependencies(JsonNode pkg, String groups) {
    var deps = new ArrayList<JsonNode>();
    if (!groups.equals("dev-dependencies")) {
      pkg.path("dependencies").forEach(deps::add);
    }
    for (Map.Entry<String, JsonNode> group : Formats.fields(pkg.path(groups))) {
      group.getValue().forEach(deps::add);
    }
    return deps;
  }

  private static String target(JsonNode dep, Map<String, List<String>> byName) {
    String name = Formats.pypiName(dep.path("name").asString(""));
    List<String> keys = byName.get(name);
    if (keys == null || keys.isEmpty()) {
      return null;
    }
    String version = Formats.text(dep, "version");
    if (version != null && keys.contains(name + "@" + version)) {
      return name + "@" + version;
    }
    return keys.getFirst();
  }
}
