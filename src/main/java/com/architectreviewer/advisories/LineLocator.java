package com.architectreviewer.advisories;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the line of a package in its lockfile, for findings' {@code line}; 1 when unknown. Each
 * file is read once and indexed by the package-like names on each line ({@code
 * node_modules/lodash}, {@code lodash@^4}, {@code /lodash@4.17.20}, {@code <artifactId>}), so a
 * lookup costs a few lines, not a scan of the file.
 */
final class LineLocator {

  private static final long MAX_BYTES = 64L * 1024 * 1024;
  private static final int MAX_LINES_PER_NAME = 64;

  private record Indexed(List<String> lines, Map<String, List<Integer>> byName) {}

  private final Path root;
  private final Map<String, Indexed> files = new HashMap<>();

  LineLocator(Path root) {
    this.root = root;
  }

  int line(String file, String packageName, String version) {
    Indexed indexed = files.computeIfAbsent(file, this::index);
    String name =
        packageName.contains(":")
            ? packageName.substring(packageName.indexOf(':') + 1)
            : packageName;
    List<Integer> candidates = indexed.byName().getOrDefault(name, List.of());
    for (int index : candidates) {
      if (indexed.lines().get(index).contains(version)) {
        return index + 1;
      }
    }
    return candidates.isEmpty() ? 1 : candidates.getFirst() + 1;
  }

  private Indexed index(String file) {
    List<String> lines = read(file);
    Map<String, List<Integer>> byName = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      for (String token : lines.get(i).split("[^A-Za-z0-9@/._-]+")) {
        String name = packageName(token);
        if (!name.isEmpty()) {
          List<Integer> at = byName.computeIfAbsent(name, k -> new ArrayList<>(2));
          if (at.size() < MAX_LINES_PER_NAME && (at.isEmpty() || at.getLast() != i)) {
            at.add(i);
          }
        }
      }
    }
    return new Indexed(lines, byName);
  }

  /** {@code node_modules/a/node_modules/@s/b} → {@code @s/b}; {@code /b@1.0} → {@code b}. */
  static String packageName(String token) {
    String t = token;
    int nm = t.lastIndexOf("node_modules/");
    if (nm >= 0) {
      t = t.substring(nm + "node_modules/".length());
    }
    if (t.startsWith("/")) {
      t = t.substring(1);
    }
    int at = t.indexOf('@', 1);
    if (at > 0) {
      t = t.substring(0, at);
    }
    return t;
  }

  private List<String> read(String file) {
    try {
      Path path = root.resolve(file).normalize();
      if (!path.startsWith(root) || Files.size(path) > MAX_BYTES) {
        return List.of();
      }
      return Files.readAllLines(path);
    } catch (IOException | RuntimeException unreadable) {
      return List.of();
    }
  }
}
