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

  /**
   * The npm package name of a bare specifier ({@code @scope/pkg} or {@code pkg}), else empty.
   * Deno's forms name the same packages: {@code npm:openai@4}, {@code jsr:@supabase/supabase-js@2},
   * and CDN URLs such as {@code https://esm.sh/@supabase/supabase-js@2} or {@code
   * https://deno.land/x/openai@v4.20.0/mod.ts}.
   */
  public String packageName() {
    return packageOf(specifier);
  }

  private static final java.util.regex.Pattern CDN =
      java.util.regex.Pattern.compile(
          "^https?://(?:esm\\.sh|cdn\\.skypack\\.dev|cdn\\.jsdelivr\\.net/npm|unpkg\\.com"
              + "|esm\\.run|deno\\.land/x|cdn\\.esm\\.sh)/(?:v\\d+/)?(.+)$");

  /** {@link #packageName()} of any specifier. */
  public static String packageOf(String specifier) {
    var spec = specifier;
    if (spec.startsWith("npm:") || spec.startsWith("jsr:")) {
      spec = spec.substring(4);
    } else if (spec.startsWith("http://") || spec.startsWith("https://")) {
      var cdn = CDN.matcher(spec);
      if (!cdn.find()) {
        return "";
      }
      spec = cdn.group(1);
    }
    if (spec.isEmpty()
        || spec.startsWith(".")
        || spec.startsWith("/")
        || spec.startsWith("@/")
        || spec.startsWith("~")
        || spec.startsWith("$")
        || spec.startsWith("#")) {
      return ""; // relative, or a project alias (@/lib, ~/utils, $lib, #imports)
    }
    var parts = spec.split("/", 3);
    var name = spec.startsWith("@") && parts.length >= 2 ? parts[0] + "/" + parts[1] : parts[0];
    int version = name.indexOf('@', 1);
    return version > 0 ? name.substring(0, version) : name;
  }
}
