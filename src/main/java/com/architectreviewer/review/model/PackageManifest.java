package com.architectreviewer.review.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the engine reads from a {@code package.json}.
 *
 * @param dir folder relative to the root ({@code ""} for the root)
 * @param name package name ({@code ""} when absent)
 * @param dependencies runtime dependencies, name to version range
 * @param devDependencies development dependencies
 * @param workspaces workspace globs (npm/yarn; pnpm's come from pnpm-workspace.yaml)
 * @param main the {@code main} (or {@code module}) entry, {@code ""} when absent
 * @param scripts npm scripts
 */
public record PackageManifest(
    String dir,
    String name,
    Map<String, String> dependencies,
    Map<String, String> devDependencies,
    List<String> workspaces,
    String main,
    Map<String, String> scripts) {

  /** Reads {@code text}; an invalid file gives an empty manifest for {@code dir}. */
  static PackageManifest read(String dir, String text) {
    var node = Json.parse(text).orElse(null);
    if (node == null || !node.isObject()) {
      return new PackageManifest(dir, "", Map.of(), Map.of(), List.of(), "", Map.of());
    }
    var ws = node.get("workspaces");
    List<String> workspaces =
        ws != null && ws.isObject() ? Json.strings(ws.get("packages")) : Json.strings(ws);
    var main = node.path("main").asString("");
    if (main.isEmpty()) {
      main = node.path("module").asString("");
    }
    return new PackageManifest(
        dir,
        node.path("name").asString(""),
        Json.stringMap(node.get("dependencies")),
        Json.stringMap(node.get("devDependencies")),
        List.copyOf(workspaces),
        main,
        Json.stringMap(node.get("scripts")));
  }

  /** Runtime and development dependencies together. */
  public Map<String, String> allDependencies() {
    var all = new LinkedHashMap<>(devDependencies);
    all.putAll(dependencies);
    return all;
  }
}
