package com.architectreviewer.review.model;

import java.util.List;

/**
 * Astro endpoints: {@code src/pages/**}{@code .ts}/{@code .js} exporting {@code GET}, {@code
 * POST}... or {@code ALL}, in an app that depends on astro.
 */
final class AstroEntries implements EntryPoints {

  @Override
  public void find(Source source, List<Handler> out) {
    var rel = source.rel();
    var path = EntryPoints.under(rel, "src/pages/");
    if (path == null || !EntryPoints.isScript(rel) || !source.app().hasDependency("astro")) {
      return;
    }
    var route = EntryPoints.routePath(path);
    source.methodExports(out, Handler.Kind.FUNCTION, route);
    source.export(out, Handler.Kind.FUNCTION, "ALL", "*", route);
  }
}
