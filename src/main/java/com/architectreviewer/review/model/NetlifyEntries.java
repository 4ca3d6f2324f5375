package com.architectreviewer.review.model;

import java.util.List;

/**
 * Netlify Functions ({@code netlify/functions/NAME.ts} or {@code NAME/index.ts}, and the folder set
 * by netlify.toml's {@code [functions] directory} when it is the usual one): the v1 {@code
 * handler(event, context)} export (ESM or {@code exports.handler}) and the v2 default export taking
 * a {@code Request}. Edge functions ({@code netlify/edge-functions}) export a default too. The
 * route is {@code /.netlify/functions/NAME}.
 */
final class NetlifyEntries implements EntryPoints {

  @Override
  public void find(Source source, List<Handler> out) {
    var rel = source.rel();
    if (!EntryPoints.isScript(rel)) {
      return;
    }
    var path = EntryPoints.under(rel, "netlify/functions/");
    if (path == null) {
      path = EntryPoints.under(rel, "netlify/edge-functions/");
    }
    if (path == null) {
      return;
    }
    var name = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
    if (path.contains("/") && !path.endsWith("/index") && !path.endsWith("/" + name)) {
      return; // a helper module inside the function's folder
    }
    var route = "/.netlify/functions/" + name;
    source.export(out, Handler.Kind.FUNCTION, "handler", "*", route);
    if (!source.module().exports().containsKey("handler")) {
      source.export(out, Handler.Kind.FUNCTION, "default", "*", route);
    }
  }
}
