package com.architectreviewer.review.model;

import com.architectreviewer.review.js.ScopeKind;
import java.util.List;

/**
 * Cloudflare Workers ({@code export default { fetch(request, env, ctx) }}, also {@code fetch:
 * handle}) and Pages Functions ({@code functions/**} exporting {@code onRequest}, {@code
 * onRequestPost}...). A default export that is a framework app ({@code export default app} of Hono)
 * is left to the framework's routes.
 */
final class CloudflareEntries implements EntryPoints {

  private static final List<String> PAGES_EXPORTS =
      List.of(
          "onRequest",
          "onRequestGet",
          "onRequestPost",
          "onRequestPut",
          "onRequestPatch",
          "onRequestDelete",
          "onRequestHead",
          "onRequestOptions");

  @Override
  public void find(Source source, List<Handler> out) {
    worker(source, out);
    var path = EntryPoints.under(source.rel(), "functions/");
    if (path != null && EntryPoints.isScript(source.rel())) {
      var route = EntryPoints.routePath(path);
      for (var name : PAGES_EXPORTS) {
        var method =
            name.equals("onRequest") ? "*" : name.substring("onRequest".length()).toUpperCase();
        source.export(out, Handler.Kind.FUNCTION, name, method, route);
      }
    }
  }

  /**
   * The {@code fetch} of the default export's object, also when a wrapper takes it ({@code export
   * default Sentry.withSentry(env => opts, { async fetch(request) {...} })}).
   */
  private static void worker(Source source, List<Handler> out) {
    var m = source.module();
    var export = m.exports().get("default");
    if (export == null) {
      return;
    }
    var t = m.tokens();
    int start = export.token();
    int end = Math.min(t.size() - 1, statementEnd(source, start));
    for (int k = start; k < end; k++) {
      var tk = t.get(k);
      if (!tk.isIdent("fetch") || !m.isModuleLevel(m.scopeOf(k))) {
        continue;
      }
      var prev = t.get(k - 1);
      var next = t.get(k + 1);
      boolean key = prev.isPunct("{") || prev.isPunct(",") || prev.isIdent("async");
      if (!key) {
        continue;
      }
      if (next.isPunct("(")) {
        methodScope(source, k, out);
        return;
      }
      if (next.isPunct(":") && k + 2 < t.size()) {
        var value = t.get(k + 2);
        if (value.isIdent() && k + 3 < t.size() && t.get(k + 3).isPunct(".")) {
          return; // fetch: app.fetch — the framework's routes are the entry points
        }
        var scopes = source.functionsIn(k + 2, Math.min(t.size() - 1, k + 40));
        if (value.isIdent() && !(k + 3 < t.size() && t.get(k + 3).isPunct("("))) {
          add(source, out, source.model().nameTarget(m, value.text(), k + 2), k);
        } else if (!scopes.isEmpty()) {
          add(source, out, new Handler.Target(m.file(), scopes.getFirst()), k);
        }
        return;
      }
    }
  }

  /** The last token of the {@code export default ...} statement starting at {@code start}. */
  private static int statementEnd(Source source, int start) {
    var t = source.module().tokens();
    int depth = 0;
    for (int k = start; k < t.size(); k++) {
      var tk = t.get(k);
      if (tk.isPunct("{") || tk.isPunct("(") || tk.isPunct("[")) {
        depth++;
      } else if (tk.isPunct("}") || tk.isPunct(")") || tk.isPunct("]")) {
        depth--;
      } else if (depth == 0 && tk.isPunct(";")) {
        return k;
      }
      if (depth == 0 && k > start + 1 && tk.newlineBefore() && tk.isIdent("export")) {
        return k - 1;
      }
    }
    return t.size() - 1;
  }

  private static void methodScope(Source source, int fetchToken, List<Handler> out) {
    var m = source.module();
    for (var scope : m.scopes()) {
      if (scope.kind() == ScopeKind.FUNCTION
          && scope.startToken() > fetchToken
          && scope.startToken() < fetchToken + 60) {
        add(source, out, new Handler.Target(m.file(), scope.id()), fetchToken);
        return;
      }
    }
  }

  private static void add(Source source, List<Handler> out, Handler.Target target, int at) {
    source.add(out, Handler.Kind.FUNCTION, "*", "/", target, at);
  }
}
