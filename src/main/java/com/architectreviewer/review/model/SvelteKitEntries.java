package com.architectreviewer.review.model;

import java.util.List;

/**
 * SvelteKit: {@code src/routes/**}{@code /+server.ts} method exports (and {@code fallback}), and in
 * {@code +page.server.ts} the {@code load} function (runs on GET) and each form action of {@code
 * export const actions = { default, create, ... }} (POST). {@code +layout.server.ts} loads run on
 * every page below them.
 */
final class SvelteKitEntries implements EntryPoints {

  @Override
  public void find(Source source, List<Handler> out) {
    var rel = source.rel();
    var path = EntryPoints.under(rel, "src/routes/");
    if (path == null || !EntryPoints.isScript(rel)) {
      return;
    }
    int slash = path.lastIndexOf('/');
    var file = path.substring(slash + 1);
    var route = EntryPoints.routePath(slash < 0 ? "" : path.substring(0, slash));
    switch (file) {
      case "+server" -> {
        source.methodExports(out, Handler.Kind.FUNCTION, route);
        source.export(out, Handler.Kind.FUNCTION, "fallback", "*", route);
      }
      case "+page.server", "+layout.server" -> {
        source.export(out, Handler.Kind.FUNCTION, "load", "GET", route);
        actions(source, out, route);
      }
      default -> {}
    }
  }

  private static void actions(Source source, List<Handler> out, String route) {
    var m = source.module();
    var export = m.exports().get("actions");
    if (export == null) {
      return;
    }
    var decl = m.moduleDeclaration(export.local().isEmpty() ? "actions" : export.local());
    if (decl.isEmpty() || !decl.get().hasInitialiser()) {
      return;
    }
    for (int scope : source.functionsIn(decl.get().initStart(), decl.get().initEnd())) {
      var name = m.scope(scope).name();
      source.function(
          out, Handler.Kind.FUNCTION, "POST", route + (name.isEmpty() ? "" : "?/" + name), scope);
    }
  }
}
