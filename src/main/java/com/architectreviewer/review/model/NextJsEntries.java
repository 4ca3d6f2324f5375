package com.architectreviewer.review.model;

import com.architectreviewer.review.js.JsModule;
import com.architectreviewer.review.js.ScopeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Next.js: App Router {@code route.ts} method exports, Pages Router {@code pages/api} default
 * exports, {@code middleware.ts}/{@code proxy.ts}, and {@code "use server"} actions.
 */
final class NextJsEntries implements EntryPoints {

  private static final Pattern APP_ROUTE =
      Pattern.compile("(?:^|/)app/(?:(.*)/)?route\\.(?:ts|tsx|js|jsx|mjs)$");
  private static final Pattern PAGES_API =
      Pattern.compile("(?:^|/)pages/(api(?:/.*)?)\\.(?:ts|tsx|js|jsx|mjs)$");
  private static final Pattern MIDDLEWARE =
      Pattern.compile("(?:^|/)(?:src/)?(?:middleware|proxy)\\.(?:ts|js|mjs)$");

  @Override
  public void find(Source source, List<Handler> handlers) {
    var model = source.model();
    var module = source.module();
    var file = module.file();
    var rel = source.rel();
    var appRoute = APP_ROUTE.matcher(rel);
    var pagesApi = PAGES_API.matcher(rel);
    if (appRoute.find()) {
      var route = "/" + routePath(appRoute.group(1) == null ? "" : appRoute.group(1));
      for (var export : module.exports().values()) {
        if (HandlerFinder.HTTP_METHODS.contains(export.name())) {
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
      addDefault(model, handlers, module, Handler.Kind.PAGES_API, route);
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
    serverActions(model, module, handlers);
  }

  private static void addDefault(
      ProjectModel model,
      List<Handler> handlers,
      JsModule module,
      Handler.Kind kind,
      String route) {
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

  private static void serverActions(ProjectModel model, JsModule module, List<Handler> handlers) {
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
