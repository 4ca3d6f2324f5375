package com.architectreviewer.review.source;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A file the walk kept.
 *
 * @param path relative to the root, {@code /}-separated
 * @param absolute where to read it
 * @param size bytes on disk
 */
public record SourceFile(String path, Path absolute, long size) {

  /** The file name (last path segment). */
  public String name() {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  /** The folder of this file relative to the root ({@code ""} for the root). */
  public String dir() {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /** Lowercase extension without the dot, {@code ""} when none. */
  public String extension() {
    var name = name();
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /** True for JavaScript and TypeScript sources (incl. JSX/TSX and module variants). */
  public boolean isScript() {
    return switch (extension()) {
      case "js", "jsx", "ts", "tsx", "mjs", "cjs", "mts", "cts" -> !name().endsWith(".d.ts");
      default -> false;
    };
  }
}
