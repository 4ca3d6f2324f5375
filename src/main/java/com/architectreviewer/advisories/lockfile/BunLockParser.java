package com.architectreviewer.advisories.lockfile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Bun's text lockfile {@code bun.lock} (JSON with comments and trailing commas). {@code packages}
 * maps install paths ({@code parent/child} for nested copies) to {@code ["name@version", registry,
 * {dependencies…}, integrity]}; {@code workspaces} holds the top-level dependencies per member.
 */
final class BunLockParser implements LockfileParser {

  @Override
  public ParsedLockfile parse(Path file, String relative) throws IOException {
    var warnings = new ArrayList<String>();
    JsonNode root = Formats.tree(Formats.JSONC, "JSONC", file);
    int version = root.path("lockfileVersion").asInt(-1);
    if (version != 0 && version != 1) {
      warnings.add(
          relative + ": unknown lockfileVersion " + version + ", read as version 1; check results");
    }
    var graph = new LockGraph();
    JsonNode packages = root.path("packages");
    for (Map.Entry<String, JsonNode> e : Formats.fields(packages)) {
      String spec = e.getValue().path(0).asString("");
      String name = Formats.npmName(spec);
      String ver = spec.length() > name.length() ? spec.substring(name.length() + 1) : "";
      if (ver.startsWith("npm:")) {
        ver = ver.substring(4);
      }
      if (ver.startsWith("workspace:")) {
        continue;
      }
      if (!NpmLockParser.registryVersion(ver)) {
        warnings.add(NpmLockParser.unchecked(relative, name, ver));
        continue;
      }
      graph.node(e.getKey(), name, ver, null);
    }
    for (Map.Entry<String, JsonNode> e : Formats.fields(packages)) {
      JsonNode info = e.getValue().path(2);
      for (String group : List.of("dependencies", "optionalDependencies", "peerDependencies")) {
        for (Map.Entry<String, JsonNode> dep : Formats.fields(info.path(group))) {
          String target = lookup(graph, e.getKey(), dep.getKey());
          if (target != null) {
            graph.edge(e.getKey(), target);
          }
        }
      }
    }
    for (Map.Entry<String, JsonNode> ws : Formats.fields(root.path("workspaces"))) {
      String via = ws.getKey().isEmpty() ? null : ws.getKey();
      for (String group : List.of("dependencies", "optionalDependencies", "devDependencies")) {
        for (Map.Entry<String, JsonNode> dep : Formats.fields(ws.getValue().path(group))) {
          if (graph.has(dep.getKey())) {
            graph.root(dep.getKey(), group.equals("devDependencies"), via);
          }
        }
      }
    }
    if (!graph.hasRoots()) {
      graph.rootsFromUnreferenced();
    }
    return new ParsedLockfile(graph.resolve("npm", relative), warnings);
  }

  /** The nearest {@code path/name}, walking up the install path (scoped names span two parts). */
  private static String lookup(LockGraph graph, String from, String name) {
    String base = from;
    while (!base.isEmpty()) {
      String candidate = base + "/" + name;
      if (graph.has(candidate)) {
        return candidate;
      }
      base = parent(base);
    }
    return graph.has(name) ? name : null;
  }

  private static String parent(String path) {
    int last = path.lastIndexOf('/');
    if (last < 0) {
      return "";
    }
    int before = path.lastIndexOf('/', last - 1);
    String segment = path.substring(before + 1, last);
    if (segment.startsWith("@")) {
      return before < 0 ? "" : path.substring(0, before);
    }
    return path.substring(0, last);
  }
}
