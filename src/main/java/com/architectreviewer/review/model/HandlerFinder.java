package com.architectreviewer.review.model;

import com.architectreviewer.review.js.JsModule;
import com.architectreviewer.review.js.ScopeKind;
import com.architectreviewer.review.js.TokenKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Finds request entry points in parsed modules. */
final class HandlerFinder {

  static final Set<String> HTTP_METHODS =
      Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
  private static final Set<String> SERVER_VERBS =
      Set.of("get", "post", "put", "patch", "delete", "all", "head", "options");
  private static final Set<String> SERVER_PACKAGES =
      Set.of("express", "hono", "fastify", "koa", "@koa/router", "koa-router", "polka", "h3");
  private static final Pattern APP_ROUTE =
      Pattern.compile("(?:^|/)app/(?:(.*)/)?route\\.(?:ts|tsx|js|jsx|mjs)$");
  private static final Pattern PAGES_API =
      Pattern.compile("(?:^|/)pages/(api(?:/.*)?)\\.(?:ts|tsx|js|jsx|mjs)$");
  private static final Pattern MIDDLEWARE =
      Pattern.compile("(?:^|/)(?:src/)?(?:middleware|proxy)\\.(?:ts|js|mjs)$");

  private final ProjectModel model;

  HandlerFinder(ProjectModel model) {
    this.model = model;
  }

  List<Handler> find(JsModule module, App app) {
    var handlers = new ArrayList<Handler>();
    var file = module.file();
    var rel = app.relative(file);
    var appRoute = APP_ROUTE.matcher(rel);
    var pagesApi = PAGES_API.matcher(rel);
    if (appRoute.find()) {
      var route = "/" + routePath(appRoute.group(1) == null ? "" : appRoute.group(1));
      for (var export : module.exports().values()) {
        if (HTTP_METHODS.contains(export.name())) {
          var target = model.exportTarget(module, export.name());
          var tok = module.tokens().get(Math.min(export.token(), module.tokens().size() - 1));
          handlers.add(
              new Handler(
                  Handler.Kind.APP_ROUTE,
                  file,
                  export.name(),
                  route,
                  target,
                  tok.line(),
                  tok.col(),
                  List.of()));
        }
      }
    } else if (pagesApi.find()) {
      var route = "/" + routePath(pagesApi.group(1)).replaceAll("/index$", "");
      addDefault(handlers, module, Handler.Kind.PAGES_API, route);
    } else if (MIDDLEWARE.matcher(rel).find() && !rel.contains("/app/")) {
      var export = module.exports().containsKey("middleware") ? "middleware" : "default";
      if (module.exports().containsKey(export)) {
        var target = model.exportTarget(module, export);
        var tok = module.tokens().get(module.exports().get(export).token());
        handlers.add(
            new Handler(
                Handler.Kind.MIDDLEWARE, file, "*", "/", target, tok.line(), tok.col(), List.of()));
      }
    }
    serverActions(module, handlers);
    if (importsServerFramework(module)) {
      serverRoutes(module, handlers);
    }
    return handlers;
  }

  private void addDefault(
      List<Handler> handlers, JsModule module, Handler.Kind kind, String route) {
    var export = module.exports().get("default");
    if (export == null) {
      return;
    }
    var tok = module.tokens().get(Math.min(export.token(), module.tokens().size() - 1));
    handlers.add(
        new Handler(
            kind,
            module.file(),
            "*",
            route,
            model.exportTarget(module, "default"),
            tok.line(),
            tok.col(),
            List.of()));
  }

  private void serverActions(JsModule module, List<Handler> handlers) {
    if (module.hasDirective("use server")) {
      for (var export : module.exports().values()) {
        var target = model.exportTarget(module, export.name());
        if (target.resolved() && target.file().equals(module.file())) {
          var tok = module.tokens().get(export.token());
          handlers.add(
              new Handler(
                  Handler.Kind.SERVER_ACTION,
                  module.file(),
                  "POST",
                  export.name(),
                  target,
                  tok.line(),
                  tok.col(),
                  List.of()));
        }
      }
      return;
    }
    for (var scope : module.scopes()) {
      if (scope.kind() == ScopeKind.FUNCTION
          && module.functionHasDirective(scope.id(), "use server")) {
        var tok = module.tokens().get(Math.max(0, scope.startToken() - 1));
        handlers.add(
            new Handler(
                Handler.Kind.SERVER_ACTION,
                module.file(),
                "POST",
                scope.name().isEmpty() ? "(inline action)" : scope.name(),
                new Handler.Target(module.file(), scope.id()),
                tok.line(),
                tok.col(),
                List.of()));
      }
    }
  }

  private boolean importsServerFramework(JsModule module) {
    return module.imports().stream().anyMatch(i -> SERVER_PACKAGES.contains(i.packageName()));
  }

  private void serverRoutes(JsModule module, List<Handler> handlers) {
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
      var target = argumentTarget(module, last[0], last[1]);
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

  private Handler.Target argumentTarget(JsModule module, int from, int to) {
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

  private static String routePath(String dir) {
    var parts = new ArrayList<String>();
    for (var part : dir.split("/")) {
      if (part.isEmpty() || (part.startsWith("(") && part.endsWith(")")) || part.startsWith("@")) {
        continue;
      }
      parts.add(part);
    }
    return String.join("/", parts);
  }
}
