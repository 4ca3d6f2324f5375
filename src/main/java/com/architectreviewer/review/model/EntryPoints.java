package com.architectreviewer.review.model;

import com.architectreviewer.review.js.JsModule;
import com.architectreviewer.review.js.ScopeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How one runtime declares its request entry points. Each runtime quickly built apps deploy on has
 * one implementation that looks at a parsed module (and its path inside its app) and adds the
 * handlers it declares; {@link HandlerFinder} asks every runtime about every module. A new runtime
 * is a new implementation in {@link #ALL}, nothing else.
 */
interface EntryPoints {

  /** Every runtime, in the order they are asked. */
  List<EntryPoints> ALL =
      List.of(
          new NextJsEntries(),
          new ServerFrameworkEntries(),
          new SupabaseEdgeEntries(),
          new NetlifyEntries(),
          new VercelFunctionEntries(),
          new CloudflareEntries(),
          new SvelteKitEntries(),
          new RemixEntries(),
          new NuxtEntries(),
          new AstroEntries());

  /** Adds the entry points {@code source} declares. */
  void find(Source source, List<Handler> out);

  /**
   * A module as a runtime sees it.
   *
   * @param model the project model (export and name resolution)
   * @param module the parsed module
   * @param app the app it belongs to
   * @param rel its path relative to the app's folder
   */
  record Source(ProjectModel model, JsModule module, App app, String rel) {

    /** A handler for export {@code exportName}, when the module exports it. */
    void export(
        List<Handler> out, Handler.Kind kind, String exportName, String method, String route) {
      var export = module.exports().get(exportName);
      if (export == null) {
        return;
      }
      int at = export.token();
      if (!export.local().isEmpty()) {
        // export { handler }: the handler is where it is declared
        at = module.moduleDeclaration(export.local()).map(d -> d.token()).orElse(at);
      }
      add(out, kind, method, route, model.exportTarget(module, exportName), at);
    }

    /** Handlers for the exported HTTP-method functions ({@code GET}, {@code POST}...). */
    void methodExports(List<Handler> out, Handler.Kind kind, String route) {
      for (var method : HandlerFinder.HTTP_METHODS) {
        export(out, kind, method, method, route);
      }
    }

    /** A handler whose body is function scope {@code scope} of this module. */
    void function(List<Handler> out, Handler.Kind kind, String method, String route, int scope) {
      int at = Math.max(0, module.scope(scope).startToken() - 1);
      add(out, kind, method, route, new Handler.Target(module.file(), scope), at);
    }

    /** A handler of this module declared at token {@code at}. */
    void add(
        List<Handler> out,
        Handler.Kind kind,
        String method,
        String route,
        Handler.Target target,
        int at) {
      var tok = module.tokens().get(Math.min(at, module.tokens().size() - 1));
      out.add(
          new Handler(
              kind, module.file(), method, route, target, tok.line(), tok.col(), List.of()));
    }

    /** The function scopes declared directly in tokens {@code [from, to]} (not nested ones). */
    List<Integer> functionsIn(int from, int to) {
      var result = new ArrayList<Integer>();
      for (var scope : module.scopes()) {
        if (scope.kind() == ScopeKind.FUNCTION
            && scope.startToken() >= from
            && scope.startToken() <= to
            && module.enclosingFunction(scope.parent()) < 0) {
          result.add(scope.id());
        }
      }
      return result;
    }
  }

  /**
   * A URL path from a file-system route ({@code api/users/[id]/index} gives {@code
   * /api/users/[id]}): route groups {@code (x)} and parallel slots {@code @x} dropped.
   */
  static String routePath(String path) {
    var parts = new ArrayList<String>();
    for (var part : path.split("/")) {
      if (part.isEmpty()
          || (part.startsWith("(") && part.endsWith(")"))
          || part.startsWith("@")
          || part.equals("index")
          || part.equals("_index")) {
        continue;
      }
      parts.add(part);
    }
    return "/" + String.join("/", parts);
  }

  /** The path of {@code rel} under {@code prefix} without its extension, or null. */
  static String under(String rel, String prefix) {
    if (!rel.startsWith(prefix)) {
      return null;
    }
    var rest = rel.substring(prefix.length());
    int dot = rest.lastIndexOf('.');
    int slash = rest.lastIndexOf('/');
    return dot > slash ? rest.substring(0, dot) : rest;
  }

  /** True for a script file a runtime may load ({@code .ts}, {@code .js}, {@code .mjs}...). */
  static boolean isScript(String rel) {
    var lower = rel.toLowerCase(Locale.ROOT);
    return (lower.endsWith(".ts")
            || lower.endsWith(".js")
            || lower.endsWith(".mjs")
            || lower.endsWith(".cjs")
            || lower.endsWith(".mts")
            || lower.endsWith(".tsx")
            || lower.endsWith(".jsx"))
        && !lower.endsWith(".d.ts")
        && !lower.contains(".test.")
        && !lower.contains(".spec.");
  }
}
