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

  /** Per name: line numbers shifted left by one, the low bit set on lines that declare it. */
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
    int firstKey = -1;
    int firstWithVersion = -1;
    for (int encoded : candidates) {
      int index = encoded >> 1;
      boolean key = (encoded & 1) == 1;
      boolean hasVersion = indexed.lines().get(index).contains(version);
      if (key && hasVersion) {
        return index + 1;
      }
      if (key && firstKey < 0) {
        firstKey = index;
      }
      if (hasVersion && firstWithVersion < 0) {
        firstWithVersion = index;
      }
    }
    if (firstKey >= 0) {
      return firstKey + 1;
    }
    if (firstWithVersion >= 0) {
      return firstWithVersion + 1;
    }
    return candidates.isEmpty() ? 1 : (candidates.getFirst() >> 1) + 1;
  }

  private Indexed index(String file) {
    List<String> lines = read(file);
    Map<String, List<Integer>> byName = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String[] tokens = line.split("[^A-Za-z0-9@/._-]+");
      for (String token : tokens) {
        String name = packageName(token);
        if (!name.isEmpty()) {
          // A "key" line declares the package rather than mentioning it as a dependency.
          boolean key =
              token.contains("node_modules/")
                  || token.startsWith("/")
                  || !line.isEmpty() && !Character.isWhitespace(line.charAt(0));
          List<Integer> at = byName.computeIfAbsent(name, k -> new ArrayList<>(2));
          int encoded = i << 1 | (key ? 1 : 0);
          if (at.size() < MAX_LINES_PER_NAME && (at.isEmpty() || at.getLast() >> 1 != i)) {
            at.add(encoded);
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
