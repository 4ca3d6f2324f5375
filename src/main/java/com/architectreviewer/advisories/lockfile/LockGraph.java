package com.architectreviewer.advisories.lockfile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The package graph of one lockfile: nodes, "depends on" edges and the top-level roots. {@link
 * #resolve} walks it breadth-first from the production roots, then from the development roots, so
 * each package gets the shortest path from a top-level dependency and is "dev" only when nothing in
 * production leads to it.
 */
final class LockGraph {

  record Node(String key, String name, String version, Boolean devHint) {}

  private record Root(String key, boolean dev, String via) {}

  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Map<String, List<String>> edges = new HashMap<>();
  private final List<Root> roots = new ArrayList<>();

  void node(String key, String name, String version, Boolean devHint) {
    nodes.put(key, new Node(key, name, version, devHint));
  }

  boolean has(String key) {
    return nodes.containsKey(key);
  }

  void edge(String from, String to) {
    edges.computeIfAbsent(from, k -> new ArrayList<>()).add(to);
  }

  /**
   * A top-level dependency; {@code via} names the workspace member that declares it, or is null.
   */
  void root(String key, boolean dev, String via) {
    roots.add(new Root(key, dev, via));
  }

  boolean hasRoots() {
    return !roots.isEmpty();
  }

  /** When nothing names the roots: every node that no other node depends on. */
  void rootsFromUnreferenced() {
    var referenced = new java.util.HashSet<String>();
    edges.values().forEach(referenced::addAll);
    for (Node node : nodes.values()) {
      if (!referenced.contains(node.key())) {
        roots.add(new Root(node.key(), Boolean.TRUE.equals(node.devHint()), null));
      }
    }
  }

  List<Dependency> resolve(String ecosystem, String file) {
    Map<String, List<String>> paths = new HashMap<>();
    Map<String, Boolean> reachedDev = new HashMap<>();
    walk(false, paths, reachedDev);
    walk(true, paths, reachedDev);
    var result = new ArrayList<Dependency>();
    for (Node node : nodes.values()) {
      List<String> path = paths.getOrDefault(node.key(), List.of(label(node)));
      boolean dev =
          node.devHint() != null
              ? node.devHint()
              : reachedDev.getOrDefault(node.key(), Boolean.FALSE);
      result.add(new Dependency(ecosystem, node.name(), node.version(), dev, path, true, file));
    }
    return result;
  }

  private void walk(boolean dev, Map<String, List<String>> paths, Map<String, Boolean> reachedDev) {
    var queue = new ArrayDeque<String>();
    for (Root root : roots) {
      Node node = nodes.get(root.key());
      if (root.dev() != dev || node == null || paths.containsKey(root.key())) {
        continue;
      }
      var path = new ArrayList<String>();
      if (root.via() != null) {
        path.add(root.via());
      }
      path.add(label(node));
      paths.put(root.key(), List.copyOf(path));
      reachedDev.put(root.key(), dev);
      queue.add(root.key());
    }
    while (!queue.isEmpty()) {
      String key = queue.poll();
      for (String next : edges.getOrDefault(key, List.of())) {
        Node node = nodes.get(next);
        if (node == null || paths.containsKey(next)) {
          continue;
        }
        var path = new ArrayList<>(paths.get(key));
        path.add(label(node));
        paths.put(next, List.copyOf(path));
        reachedDev.put(next, dev);
        queue.add(next);
      }
    }
  }

  private static String label(Node node) {
    return node.name() + "@" + node.version();
  }
}
