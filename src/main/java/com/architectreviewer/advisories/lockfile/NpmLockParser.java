package com.architectreviewer.advisories.lockfile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.semver4j.Semver;
import tools.jackson.databind.JsonNode;

/**
 * {@code package-lock.json} and {@code npm-shrinkwrap.json}, lockfile versions 1, 2 and 3. Versions
 * 2 and 3 are read from {@code packages} (keys are install paths, dependencies resolve like Node's
 * module lookup); version 1 from the nested {@code dependencies} tree and its {@code requires}.
 * Workspace members ({@code packages/*} entries) contribute their own top-level dependencies.
 */
final class NpmLockParser implements LockfileParser {

  private static final String NM = "node_modules/";

  @Override
  public ParsedLockfile parse(Path file, String relative) throws IOException {
    var warnings = new ArrayList<String>();
    JsonNode root = Formats.tree(Formats.JSON, "JSON", file);
    int version = root.path("lockfileVersion").asInt(0);
    var graph = new LockGraph();
    if (root.has("packages") && version >= 2) {
      if (version > 3) {
        warnings.add(
            relative
                + ": unknown lockfileVersion "
                + version
                + ", read as version 3; check results");
      }
      readPackages(root.path("packages"), graph, relative, warnings);
    } else if (root.has("dependencies")) {
      if (version != 1) {
        warnings.add(
            relative
                + ": unknown lockfileVersion "
                + version
                + ", read as version 1; check results");
      }
      readV1(root, graph, relative, warnings);
    } else {
      warnings.add(relative + ": neither \"packages\" nor \"dependencies\": no packages read");
    }
    return new ParsedLockfile(graph.resolve("npm", relative), warnings);
  }

  private static void readPackages(
      JsonNode packages, LockGraph graph, String relative, List<String> warnings) {
    var members = new ArrayList<String>();
    for (Map.Entry<String, JsonNode> e : Formats.fields(packages)) {
      String key = e.getKey();
      JsonNode entry = e.getValue();
      if (key.isEmpty() || entry.path("link").asBoolean(false)) {
        continue;
      }
      if (!key.startsWith(NM) && !key.contains("/" + NM)) {
        members.add(key);
        continue;
      }
      String name = Formats.text(entry, "name");
      if (name == null) {
        name = key.substring(key.lastIndexOf(NM) + NM.length());
      }
      String version = Formats.text(entry, "version");
      if (!registryVersion(version)) {
        warnings.add(unchecked(relative, name, version));
        continue;
      }
      boolean dev =
          entry.path("dev").asBoolean(false) || entry.path("devOptional").asBoolean(false);
      graph.node(key, name, version, dev);
    }
    for (Map.Entry<String, JsonNode> e : Formats.fields(packages)) {
      JsonNode entry = e.getValue();
      String from = e.getKey();
      for (String group : List.of("dependencies", "optionalDependencies", "peerDependencies")) {
        for (Map.Entry<String, JsonNode> dep : Formats.fields(entry.path(group))) {
          String target = lookup(packages, from, dep.getKey());
          if (target != null) {
            if (from.isEmpty() || members.contains(from)) {
              graph.root(target, false, from.isEmpty() ? null : from);
            } else {
              graph.edge(from, target);
            }
          }
        }
      }
      if (from.isEmpty() || members.contains(from)) {
        for (Map.Entry<String, JsonNode> dep : Formats.fields(entry.path("devDependencies"))) {
          String target = lookup(packages, from, dep.getKey());
          if (target != null) {
            graph.root(target, true, from.isEmpty() ? null : from);
          }
        }
      }
    }
  }

  /** Node's lookup: the nearest {@code node_modules/name} walking up from {@code from}. */
  private static String lookup(JsonNode packages, String from, String name) {
    String base = from;
    while (true) {
      String candidate = base.isEmpty() ? NM + name : base + "/" + NM + name;
      JsonNode entry = packages.get(candidate);
      if (entry != null) {
        if (entry.path("link").asBoolean(false)) {
          return null; // a workspace member: our own code, its dependencies are roots
        }
        return candidate;
      }
      if (base.isEmpty()) {
        return null;
      }
      int nested = base.lastIndexOf("/" + NM);
      base = nested < 0 ? "" : base.substring(0, nested);
    }
  }

  private static void readV1(
      JsonNode root, LockGraph graph, String relative, List<String> warnings) {
    var requires = new ArrayList<String[]>();
    addV1(root.path("dependencies"), "", graph, requires, relative, warnings);
    for (String[] req : requires) {
      String target = lookupV1(graph, req[0], req[1]);
      if (target != null) {
        graph.edge(req[0], target);
      }
    }
    graph.rootsFromUnreferenced();
  }

  private static void addV1(
      JsonNode dependencies,
      String parent,
      LockGraph graph,
      List<String[]> requires,
      String relative,
      List<String> warnings) {
    for (Map.Entry<String, JsonNode> e : Formats.fields(dependencies)) {
      String name = e.getKey();
      JsonNode entry = e.getValue();
      String key = parent.isEmpty() ? NM + name : parent + "/" + NM + name;
      String version = Formats.text(entry, "version");
      if (version != null && version.startsWith("npm:")) {
        String alias = version.substring(4);
        name = Formats.npmName(alias);
        version = alias.substring(name.length() + 1);
      }
      if (!registryVersion(version)) {
        warnings.add(unchecked(relative, name, version));
      } else {
        graph.node(key, name, version, entry.path("dev").asBoolean(false));
        for (Map.Entry<String, JsonNode> req : Formats.fields(entry.path("requires"))) {
          requires.add(new String[] {key, req.getKey()});
        }
      }
      addV1(entry.path("dependencies"), key, graph, requires, relative, warnings);
    }
  }

  private static String lookupV1(LockGraph graph, String from, String name) {
    String base = from;
    while (true) {
      String candidate = base.isEmpty() ? NM + name : base + "/" + NM + name;
      if (graph.has(candidate)) {
        return candidate;
      }
      if (base.isEmpty()) {
        return null;
      }
      int nested = base.lastIndexOf("/" + NM);
      base = nested < 0 ? "" : base.substring(0, nested);
    }
  }

  static boolean registryVersion(String version) {
    return version != null && Semver.isValid(version);
  }

  static String unchecked(String relative, String name, String version) {
    return relative
        + ": "
        + name
        + " has version \""
        + version
        + "\", not a registry version; not checked against advisories";
  }
}
