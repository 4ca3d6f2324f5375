package com.architectreviewer.advisories.lockfile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code pnpm-lock.yaml} versions 5.x ({@code /name/1.0.0_peer} keys), 6 ({@code
 * /name@1.0.0(peer)}) and 9 ({@code name@1.0.0(peer)} keys, dependencies under {@code snapshots}),
 * single- or multi-document. Top-level dependencies come from {@code importers} (workspace members)
 * or, in 5.x/6 without workspaces, from the root {@code dependencies}/{@code devDependencies}.
 */
final class PnpmLockParser implements LockfileParser {

  @Override
  public ParsedLockfile parse(Path file, String relative) throws IOException {
    var warnings = new ArrayList<String>();
    List<JsonNode> documents = Formats.yamlDocuments(file);
    var dependencies = new ArrayList<Dependency>();
    boolean read = false;
    for (JsonNode doc : documents) {
      if (doc == null || !(doc.has("packages") || doc.has("importers") || doc.has("snapshots"))) {
        continue;
      }
      if (isEnvironmentDocument(doc)) {
        continue; // pnpm's own tooling (packageManagerDependencies), not the app's dependencies
      }
      read = true;
      String version = doc.path("lockfileVersion").asString("");
      int major = major(version);
      if (major != 5 && major != 6 && major != 9) {
        warnings.add(
            relative + ": unknown lockfileVersion \"" + version + "\", read as 9.0; check results");
        major = 9;
      }
      dependencies.addAll(readDocument(doc, major, relative, warnings));
    }
    if (!read) {
      warnings.add(relative + ": no pnpm lockfile document with packages: nothing read");
    }
    return new ParsedLockfile(dependencies, warnings);
  }

  private static boolean isEnvironmentDocument(JsonNode doc) {
    JsonNode importers = doc.path("importers");
    if (!importers.isObject()) {
      return false;
    }
    for (Map.Entry<String, JsonNode> imp : Formats.fields(importers)) {
      for (String group : List.of("dependencies", "optionalDependencies", "devDependencies")) {
        if (imp.getValue().has(group)) {
          return false;
        }
      }
    }
    return true;
  }

  private static int major(String version) {
    try {
      return (int) Double.parseDouble(version);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static List<Dependency> readDocument(
      JsonNode doc, int major, String relative, List<String> warnings) {
    var graph = new LockGraph();
    JsonNode packages = doc.path("packages");
    for (Map.Entry<String, JsonNode> e : Formats.fields(packages)) {
      String[] nv = nameAndVersion(e.getKey(), major);
      if (nv == null || !NpmLockParser.registryVersion(nv[1])) {
        warnings.add(
            relative + ": package key \"" + e.getKey() + "\" has no registry version; not checked");
        continue;
      }
      Boolean dev = e.getValue().has("dev") ? e.getValue().path("dev").asBoolean() : null;
      if (major < 9) {
        graph.node(e.getKey(), nv[0], nv[1], dev);
      }
    }
    JsonNode withDeps = major >= 9 ? doc.path("snapshots") : packages;
    if (major >= 9) {
      for (Map.Entry<String, JsonNode> e : Formats.fields(withDeps)) {
        String[] nv = nameAndVersion(e.getKey(), major);
        if (nv != null && NpmLockParser.registryVersion(nv[1])) {
          graph.node(e.getKey(), nv[0], nv[1], null);
        }
      }
      if (!doc.has("snapshots")) {
        for (Map.Entry<String, JsonNode> e : Formats.fields(packages)) {
          String[] nv = nameAndVersion(e.getKey(), major);
          if (nv != null && NpmLockParser.registryVersion(nv[1])) {
            graph.node(e.getKey(), nv[0], nv[1], null);
          }
        }
      }
    }
    for (Map.Entry<String, JsonNode> e : Formats.fields(withDeps)) {
      for (String group : List.of("dependencies", "optionalDependencies")) {
        for (Map.Entry<String, JsonNode> dep : Formats.fields(e.getValue().path(group))) {
          String target = reference(dep.getKey(), dep.getValue(), major);
          if (target != null && graph.has(target)) {
            graph.edge(e.getKey(), target);
          }
        }
      }
    }
    JsonNode importers = doc.path("importers");
    if (importers.isObject()) {
      for (Map.Entry<String, JsonNode> imp : Formats.fields(importers)) {
        String via = imp.getKey().equals(".") ? null : imp.getKey();
        roots(imp.getValue(), graph, major, via);
      }
    } else {
      roots(doc, graph, major, null);
    }
    if (!graph.hasRoots()) {
      graph.rootsFromUnreferenced();
    }
    return graph.resolve("npm", relative);
  }

  private static void roots(JsonNode importer, LockGraph graph, int major, String via) {
    for (String group : List.of("dependencies", "optionalDependencies", "devDependencies")) {
      for (Map.Entry<String, JsonNode> dep : Formats.fields(importer.path(group))) {
        JsonNode value = dep.getValue();
        JsonNode version = value.isObject() ? value.path("version") : value;
        String target = reference(dep.getKey(), version, major);
        if (target != null && graph.has(target)) {
          graph.root(target, group.equals("devDependencies"), via);
        }
      }
    }
  }

  /** The package key a dependency reference points at ({@code 1.0.0(peer)} or an alias path). */
  private static String reference(String name, JsonNode value, int major) {
    String v = value.asString("");
    if (v.isEmpty() || v.startsWith("link:") || v.startsWith("file:")) {
      return null;
    }
    if (v.startsWith("/")) {
      return v;
    }
    if (major >= 9) {
      return Character.isDigit(v.charAt(0)) ? name + "@" + v : v;
    }
    return major >= 6 ? "/" + name + "@" + v : "/" + name + "/" + v;
  }

  /** Splits a package key into name and version, without peer suffixes. */
  static String[] nameAndVersion(String key, int major) {
    String k = key.startsWith("/") ? key.substring(1) : key;
    int paren = k.indexOf('(');
    if (paren >= 0) {
      k = k.substring(0, paren);
    }
    if (major < 6) {
      int slash = k.lastIndexOf('/');
      if (slash <= 0) {
        return null;
      }
      String version = k.substring(slash + 1);
      int underscore = version.indexOf('_');
      if (underscore >= 0) {
        version = version.substring(0, underscore);
      }
      return new String[] {k.substring(0, slash), version};
    }
    int at = k.indexOf('@', 1);
    if (at < 0) {
      return null;
    }
    return new String[] {k.substring(0, at), k.substring(at + 1)};
  }
}
