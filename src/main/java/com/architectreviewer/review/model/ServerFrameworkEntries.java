package com.architectreviewer.review.model;

import com.architectreviewer.review.js.JsModule;
import com.architectreviewer.review.js.ScopeKind;
import com.architectreviewer.review.js.TokenKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Express, Hono, Fastify, Koa, Polka and h3 route registrations ({@code app.post("/x", fn)}). */
final class ServerFrameworkEntries implements EntryPoints {

  private static final Set<String> SERVER_VERBS =
      Set.of("get", "post", "put", "patch", "delete", "all", "head", "options");
  private static final Set<String> SERVER_PACKAGES =
      Set.of("express", "hono", "fastify", "koa", "@koa/router", "koa-router", "polka", "h3");

  @Override
  public void find(Source source, List<Handler> handlers) {
    if (importsServerFramework(source.module())) {
      serverRoutes(source.model(), source.module(), handlers);
    }
  }

  private static boolean importsServerFramework(JsModule module) {
    return module.imports().stream().anyMatch(i -> SERVER_PACKAGES.contains(i.packageName()));
  }

  private static void serverRoutes(ProjectModel model, JsModule module, List<Handler> handlers) {
    var t = module.tokens();
    for (var call : module.calls()) {
      if (call.isNew() || call.closeParen() < 0 || !call.callee().contains(".")) {
        continue;
      }
      if (!SERVER_VERBS.contains(call.member())) {
        continue;
      }
      var first = call.openParen() + 1 < t.size() ? t.get(call.openParen() + 1) : null;
      if (first == null || first.kind() != TokenKind.STRING) {
        continue;
      }
      var path = first.text();
      if (!path.startsWith("/") && !path.equals("*")) {
        continue;
      }
      var args = module.arguments(call);
      if (args.size() < 2) {
        continue;
      }
      var last = args.get(args.size() - 1);
      var target = argumentTarget(model, module, last[0], last[1]);
      var middleware = new ArrayList<String>();
      for (int a = 1; a < args.size() - 1; a++) {
        middleware.add(module.text(args.get(a)[0], args.get(a)[1]));
      }
      handlers.add(
          new Handler(
              Handler.Kind.SERVER_ROUTE,
              module.file(),
              call.member().equals("all") ? "*" : call.member().toUpperCase(java.util.Locale.ROOT),
              path,
              target,
              call.line(),
              call.col(),
              middleware));
    }
  }

  private static Handler.Target argumentTarget(
      ProjectModel model, JsModule module, int from, int to) {
    for (var scope : module.scopes()) {
      if (scope.kind() == ScopeKind.FUNCTION
          && scope.startToken() >= from
          && scope.startToken() <= to + 1) {
        return new Handler.Target(module.file(), scope.id());
      }
    }
    var tok = module.tokens().get(to);
    if (tok.isIdent()) {
      return model.nameTarget(module, tok.text(), to);
    }
    return new Handler.Target(module.file(), -1);
  }
}
