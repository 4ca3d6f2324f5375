package com.architectreviewer.review.model;

import java.util.List;

/**
 * Vercel Functions outside Next.js: files under {@code api/} of an app that is not a Next.js app,
 * with a default export {@code handler(req, res)} or Web-style method exports ({@code GET}, {@code
 * POST}). Files starting with {@code _} are helpers, not functions; an app deployed to Netlify or
 * Cloudflare has no Vercel functions.
 */
final class VercelFunctionEntries implements EntryPoints {

  @Override
  public void find(Source source, List<Handler> out) {
    var rel = source.rel();
    var path = EntryPoints.under(rel, "api/");
    if (path == null || !EntryPoints.isScript(rel) || source.app().uses("next")) {
      return;
    }
    var evidence = source.app().deployment().evidence();
    if (evidence.contains("netlify.toml") || evidence.contains("wrangler")) {
      return; // another platform serves this app: its api/ folder is not deployed as functions
    }
    var file = path.substring(path.lastIndexOf('/') + 1);
    if (file.startsWith("_")) {
      return;
    }
    var route = EntryPoints.routePath("api/" + path);
    source.export(out, Handler.Kind.FUNCTION, "default", "*", route);
    source.methodExports(out, Handler.Kind.FUNCTION, route);
  }
}
