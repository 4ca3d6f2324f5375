package com.architectreviewer.advisories.lockfile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Yarn Berry (v2+) {@code yarn.lock}: YAML with {@code __metadata}; entries keyed by {@code
 * name@npm:range} specifiers; workspaces are {@code name@workspace:path} entries whose dependencies
 * are the top-level ones (dev ones told apart by the member's {@code package.json}).
 */
final class YarnBerryParser implements LockfileParser {

  @Override
  public ParsedLockfile parse(Path file, String relative) throws IOException {
    var warnings = new ArrayList<String>();
    JsonNode root = Formats.tree(Formats.YAML, "YAML", file);
    String metadataVersion = Formats.text(root.path("__metadata"), "version");
    if (metadataVersion == null) {
      warnings.add(relative + ": Yarn Berry lockfile without __metadata.version; check results");
    }
    var graph = new LockGraph();
    Map<String, String> bySpecifier = new HashMap<>();
    Map<String, String> workspaces = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : Formats.fields(root)) {
      if (e.getKey().equals("__metadata")) {
        continue;
      }
      List<String> specs = new ArrayList<>();
      for (String s : e.getKey().split(",")) {
        specs.add(s.strip());
      }
      String key = specs.getFirst();
      String name = Formats.npmName(key);
      String resolution = Formats.text(e.getValue(), "resolution");
      if (resolution != null && resolution.contains("@workspace:")) {
        workspaces.put(key, resolution.substring(resolution.indexOf("@workspace:") + 11));
        specs.forEach(s -> bySpecifier.put(s, key));
        continue;
      }
      String version = Formats.text(e.getValue(), "version");
      if (!NpmLockParser.registryVersion(version)) {
        warnings.add(NpmLockParser.unchecked(relative, name, version));
        continue;
      }
      graph.node(key, name, version, null);
      specs.forEach(s -> bySpecifier.put(s, key));
    }
    Path dir = file.toAbsolutePath().getParent();
    for (Map.Entry<String, JsonNode> e : Formats.fields(root)) {
      String from = e.getKey().split(",")[0].strip();
      String member = workspaces.get(from);
      Set<String> devNames = member == null ? Set.of() : devNames(dir, member);
      for (String group : List.of("dependencies", "optionalDependencies", "peerDependencies")) {
        for (Map.Entry<String, JsonNode> dep : Formats.fields(e.getValue().path(group))) {
          String target = find(bySpecifier, dep.getKey(), dep.getValue().asString(""));
          if (target == null || workspaces.containsKey(target)) {
            continue;
          }
          if (member != null) {
            String via = member.equals(".") ? null : member;
            graph.root(target, devNames.contains(dep.getKey()), via);
          } else {
            graph.edge(from, target);
          }
        }
      }
    }
    if (!graph.hasRoots()) {
      graph.rootsFromUnreferenced();
    }
    return new ParsedLockfile(graph.resolve("npm", relative), warnings);
  }

  private static String find(Map<String, String> bySpecifier, String name, String range) {
    String direct = bySpecifier.get(name + "@" + range);
    if (direct != null) {
      return direct;
    }
    return bySpecifier.get(name + "@npm:" + range);
  }

  private static Set<String> devNames(Path dir, String member) {
    var names = new HashSet<String>();
    if (member.contains("..")) {
      return names;
    }
    JsonNode manifest = ManifestRoots.read(dir.resolve(member).resolve("package.json"));
    if (manifest != null) {
      Formats.fields(manifest.path("devDependencies")).forEach(e -> names.add(e.getKey()));
    }
    return names;
  }
}
