package com.architectreviewer.review.model;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Nuxt and Nitro: {@code server/api/**} (under {@code /api}) and {@code server/routes/**} default
 * exports ({@code defineEventHandler(async (event) => ...)}); a method suffix ({@code
 * users.post.ts}) limits the handler to that method.
 */
final class NuxtEntries implements EntryPoints {

  private static final Set<String> METHODS =
      Set.of("get", "post", "put", "patch", "delete", "head", "options");

  @Override
  public void find(Source source, List<Handler> out) {
    var rel = source.rel();
    if (!EntryPoints.isScript(rel)) {
      return;
    }
    String prefix = "";
    var path = EntryPoints.under(rel, "server/api/");
    if (path != null) {
      prefix = "api/";
    } else {
      path = EntryPoints.under(rel, "server/routes/");
    }
    if (path == null) {
      return;
    }
    var method = "*";
    int dot = path.lastIndexOf('.');
    if (dot > path.lastIndexOf('/') && METHODS.contains(path.substring(dot + 1))) {
      method = path.substring(dot + 1).toUpperCase(Locale.ROOT);
      path = path.substring(0, dot);
    }
    source.export(
        out, Handler.Kind.FUNCTION, "default", method, EntryPoints.routePath(prefix + path));
  }
}
