package com.architectreviewer.review.model;

import java.util.List;

/**
 * Remix and React Router framework mode: route modules under {@code app/routes/} export {@code
 * loader} (GET) and {@code action} (POST, PUT, PATCH, DELETE); {@code app/root.tsx} may too. Flat
 * route names map dots to slashes ({@code notes.$id.tsx} is {@code /notes/$id}).
 */
final class RemixEntries implements EntryPoints {

  @Override
  public void find(Source source, List<Handler> out) {
    var rel = source.rel();
    if (!EntryPoints.isScript(rel) || !(usesRemix(source.app()))) {
      return;
    }
    String route;
    var path = EntryPoints.under(rel, "app/routes/");
    if (path != null) {
      var name =
          path.endsWith("/route") ? path.substring(0, path.length() - "/route".length()) : path;
      route = EntryPoints.routePath(name.replace('.', '/'));
    } else if (EntryPoints.under(rel, "app/root") != null && !rel.substring(8).contains("/")) {
      route = "/";
    } else {
      return;
    }
    source.export(out, Handler.Kind.FUNCTION, "loader", "GET", route);
    source.export(out, Handler.Kind.FUNCTION, "action", "POST", route);
  }

  private static boolean usesRemix(App app) {
    return app.hasDependencyStartingWith("@remix-run/")
        || app.hasDependency("react-router")
        || app.hasDependencyStartingWith("@react-router/");
  }
}
