package com.architectreviewer.review.js;

import java.util.List;

/**
 * A module dependency.
 *
 * @param specifier as written ({@code @/lib/db}, {@code ./db}, {@code openai})
 * @param kind how it is imported
 * @param bindings local names it introduces
 * @param token index of the {@code import}/{@code require}/{@code export} token
 * @param line 1-based line
 */
public record Import(
    String specifier, ImportKind kind, List<ImportBinding> bindings, int token, int line) {

  /** The kinds of import. */
  public enum ImportKind {
    ESM,
    COMMONJS,
    DYNAMIC,
    REEXPORT
  }

  /**
   * A name an import introduces.
   *
   * @param imported the exported name ({@code default}, {@code *} for the whole module, or a name)
   * @param local the local name (for re-exports: the exported name)
   */
  public record ImportBinding(String imported, String local) {}

  /** The npm package name of a bare specifier ({@code @scope/pkg} or {@code pkg}), else empty. */
  public String packageName() {
    if (specifier.startsWith(".") || specifier.startsWith("/")) {
      return "";
    }
    var parts = specifier.split("/", 3);
    if (specifier.startsWith("@")) {
      return parts.length >= 2 ? parts[0] + "/" + parts[1] : specifier;
    }
    return parts[0];
  }
}
