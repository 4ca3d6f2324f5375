package com.architectreviewer.advisories.lockfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The top-level dependencies that a lockfile does not list itself (Yarn classic, npm v1): read from
 * the {@code package.json} beside it and from its workspace members' {@code package.json} files.
 */
final class ManifestRoots {

  /** One declared dependency: name, range as written, dev or not, workspace member or null. */
  record Declared(String name, String range, boolean dev, String member) {}

  private ManifestRoots() {}

  static List<Declared> of(Path lockfile) {
    Path dir = lockfile.toAbsolutePath().getParent();
    var result = new ArrayList<Declared>();
    JsonNode root = read(dir.resolve("package.json"));
    if (root == null) {
      return result;
    }
    addDeclared(root, null, result);
    for (String member : WorkspaceGlobs.members(dir, root)) {
      JsonNode manifest = read(dir.resolve(member).resolve("package.json"));
      if (manifest != null) {
        addDeclared(manifest, member, result);
      }
    }
    return result;
  }

  private static void addDeclared(JsonNode manifest, String member, List<Declared> out) {
    for (String group : List.of("dependencies", "optionalDependencies", "devDependencies")) {
      for (Map.Entry<String, JsonNode> e : Formats.fields(manifest.path(group))) {
        out.add(
            new Declared(
                e.getKey(), e.getValue().asString(""), group.equals("devDependencies"), member));
      }
    }
  }

  static JsonNode read(Path packageJson) {
    if (!Files.isRegularFile(packageJson)) {
      return null;
    }
    try {
      return Formats.JSON.readTree(Formats.read(packageJson));
    } catch (IOException | JacksonException unreadable) {
      return null;
    }
  }
}
