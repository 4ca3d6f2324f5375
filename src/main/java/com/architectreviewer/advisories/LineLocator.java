package com.architectreviewer.advisories;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Finds the line of a package in its lockfile, for findings' {@code line}; 1 when unknown. */
final class LineLocator {

  private static final long MAX_BYTES = 64L * 1024 * 1024;

  private final Path root;
  private final Map<String, List<String>> lines = new HashMap<>();

  LineLocator(Path root) {
    this.root = root;
  }

  int line(String file, String packageName, String version) {
    List<String> text = lines.computeIfAbsent(file, this::read);
    String token =
        packageName.contains(":")
            ? packageName.substring(packageName.indexOf(':') + 1)
            : packageName;
    int nameOnly = 0;
    for (int i = 0; i < text.size(); i++) {
      String line = text.get(i);
      if (!mentions(line, token)) {
        continue;
      }
      if (line.contains(version)) {
        return i + 1;
      }
      if (nameOnly == 0) {
        nameOnly = i + 1;
      }
    }
    return nameOnly == 0 ? 1 : nameOnly;
  }

  private static boolean mentions(String line, String token) {
    int at = line.indexOf(token);
    while (at >= 0) {
      int end = at + token.length();
      boolean startOk =
          at == 0 || !Character.isLetterOrDigit(line.charAt(at - 1)) && line.charAt(at - 1) != '-';
      boolean endOk =
          end == line.length()
              || !Character.isLetterOrDigit(line.charAt(end)) && line.charAt(end) != '-';
      if (startOk && endOk) {
        return true;
      }
      at = line.indexOf(token, at + 1);
    }
    return false;
  }

  private List<String> read(String file) {
    try {
      Path path = root.resolve(file);
      if (!path.normalize().startsWith(root) || Files.size(path) > MAX_BYTES) {
        return List.of();
      }
      return Files.readAllLines(path);
    } catch (IOException | RuntimeException unreadable) {
      return List.of();
    }
  }
}
