package com.architectreviewer.advisories.lockfile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Top-level dependencies declared in a {@code pyproject.toml} (Poetry tables and PEP 621). */
final class PyprojectRoots {

  private static final Pattern NAME = Pattern.compile("^\\s*([A-Za-z0-9][A-Za-z0-9._-]*)");

  private PyprojectRoots() {}

  static void add(Path pyproject, LockGraph graph, Map<String, String> keys) {
    JsonNode root;
    try {
      root = Formats.TOML.readTree(Formats.read(pyproject));
    } catch (IOException | JacksonException unreadable) {
      return;
    }
    JsonNode poetry = root.path("tool").path("poetry");
    names(poetry.path("dependencies"), false, graph, keys);
    names(poetry.path("dev-dependencies"), true, graph, keys);
    for (Map.Entry<String, JsonNode> group : Formats.fields(poetry.path("group"))) {
      names(group.getValue().path("dependencies"), !group.getKey().equals("main"), graph, keys);
    }
    for (JsonNode requirement : root.path("project").path("dependencies")) {
      requirement(requirement.asString(""), false, graph, keys);
    }
    for (Map.Entry<String, JsonNode> extra :
        Formats.fields(root.path("project").path("optional-dependencies"))) {
      for (JsonNode requirement : extra.getValue()) {
        requirement(requirement.asString(""), false, graph, keys);
      }
    }
    for (Map.Entry<String, JsonNode> group : Formats.fields(root.path("dependency-groups"))) {
      for (JsonNode requirement : group.getValue()) {
        requirement(requirement.asString(""), true, graph, keys);
      }
    }
  }

  private static void names(
      JsonNode table, boolean dev, LockGraph graph, Map<String, String> keys) {
    for (Map.Entry<String, JsonNode> dep : Formats.fields(table)) {
      String key = keys.get(Formats.pypiName(dep.getKey()));
      if (key != null) {
        graph.root(key, dev, null);
      }
    }
  }

  private static void requirement(
      String requirement, boolean dev, LockGraph graph, Map<String, String> keys) {
    var m = NAME.matcher(requirement);
    if (m.find()) {
      String key = keys.get(Formats.pypiName(m.group(1)));
      if (key != null) {
        graph.root(key, dev, null);
      }
    }
  }
}
