package com.architectreviewer.review.rules;

import com.architectreviewer.review.js.JsModule;
import com.architectreviewer.review.model.CallSite;
import com.architectreviewer.review.model.ProjectModel;
import java.util.Set;

/**
 * The npm package a call's receiver comes from, also through CommonJS ({@code const X =
 * require("pkg"); const client = new X()}), which the model's origins stop at.
 */
final class Packages {

  private Packages() {}

  /** The package the callee's root comes from, or {@code ""} when it is project code or unknown. */
  static String of(ProjectModel model, CallSite site) {
    var origin = site.origin();
    if (origin.isPresent() && !origin.get().packageName().isEmpty()) {
      return origin.get().packageName();
    }
    JsModule module = site.module();
    int at = site.call().startToken();
    if (origin.isPresent() && origin.get().declaration() != null) {
      var declaredIn = origin.get().declaredIn();
      if (!declaredIn.isEmpty() && !declaredIn.equals(module.file())) {
        var other = model.module(declaredIn);
        if (other.isPresent()) {
          module = other.get();
          at = origin.get().declaration().token();
          // the receiver is what a project function returns: follow its return value
          boolean function = origin.get().declaration().functionScope() >= 0;
          return throughDeclarations(
              model, module, origin.get().declaration().name(), at + 1, function);
        }
      }
    }
    return throughDeclarations(model, module, site.call().root(), at, false);
  }

  private static String throughDeclarations(
      ProjectModel model, JsModule m, String name, int at, boolean calledFirst) {
    boolean called = calledFirst;
    for (int hop = 0; hop < 6; hop++) {
      var imported = m.importOf(name);
      if (imported.isPresent() && !imported.get().from().packageName().isEmpty()) {
        return imported.get().from().packageName();
      }
      // a project function: what it returns (const chain = makeChain(retriever))
      var function = called ? model.nameTarget(m, name, at) : null;
      if (function != null && function.resolved()) {
        var body = model.module(function.file());
        if (body.isEmpty()) {
          return "";
        }
        int returned = returnedName(body.get(), function.scope());
        if (returned < 0) {
          return "";
        }
        m = body.get();
        name = m.tokens().get(returned).text();
        at = returned;
        called = false;
        continue;
      }
      if (imported.isPresent()) {
        return "";
      }
      var decl = m.resolve(name, at);
      if (decl.isEmpty()) {
        return "";
      }
      var d = decl.get();
      if (!d.hasInitialiser()) {
        // let openai: OpenAI; ... openai = new OpenAI({...}): the type names the class
        var later = assignedLater(m, d);
        if (later == null || later.equals(name)) {
          return "";
        }
        name = later;
        continue;
      }
      String next = null;
      boolean nextCalled = false;
      for (var call : m.calls()) {
        if (d.initialiserContains(call.startToken()) && !call.callee().startsWith(".")) {
          if (call.callee().equals("require") && call.hasArguments()) {
            var spec = m.tokens().get(call.openParen() + 1);
            return spec.isString() ? packageName(spec.text()) : "";
          }
          next = call.root();
          nextCalled = !call.callee().contains(".") && !call.isNew();
          at = call.startToken();
          break;
        }
      }
      if (next == null || next.equals(name)) {
        return "";
      }
      name = next;
      called = nextCalled;
    }
    return "";
  }

  /**
   * The token of the name a function returns ({@code return chain;}, {@code return
   * RunnableSequence.from(...)}: the first name of the expression), or -1.
   */
  private static int returnedName(JsModule m, int fn) {
    var scope = m.scope(fn);
    var t = m.tokens();
    for (int k = scope.startToken(); k < scope.endToken() && k + 1 < t.size(); k++) {
      if (t.get(k).isIdent("return")
          && m.enclosingFunction(m.scopeOf(k)) == fn
          && t.get(k + 1).isIdent()
          && !Set.of("null", "undefined", "true", "false", "this").contains(t.get(k + 1).text())) {
        var next = t.get(k + 1);
        return next.isIdent("new") || next.isIdent("await")
            ? (k + 2 < t.size() ? k + 2 : -1)
            : k + 1;
      }
    }
    // an arrow function with an expression body: () => new ChatOpenAI(...)
    var first = t.get(scope.startToken());
    boolean expressionBody = scope.startToken() > 0 && t.get(scope.startToken() - 1).isPunct("=>");
    if (expressionBody && first.isIdent()) {
      return first.isIdent("new") ? scope.startToken() + 1 : scope.startToken();
    }
    return -1;
  }

  private static String packageName(String specifier) {
    return com.architectreviewer.review.js.Import.packageOf(specifier);
  }

  /**
   * For a declaration without initialiser: its type annotation ({@code let openai: OpenAI}), else
   * the class of a later {@code name = new X(...)}; null when neither is there.
   */
  private static String assignedLater(JsModule m, com.architectreviewer.review.js.Declaration d) {
    var t = m.tokens();
    int k = d.token();
    if (k + 2 < t.size() && t.get(k + 1).isPunct(":") && t.get(k + 2).isIdent()) {
      return t.get(k + 2).text();
    }
    for (var call : m.calls()) {
      int before = call.startToken() - 1;
      if (call.isNew()
          && before >= 2
          && t.get(before).isIdent("new")
          && t.get(before - 1).isPunct("=")
          && t.get(before - 2).isIdent(d.name())) {
        return call.root();
      }
    }
    return null;
  }

  /** True when the package is one of {@code packages} (or a subpath of one). */
  static boolean in(String pkg, String... packages) {
    for (var p : packages) {
      if (pkg.equals(p)) {
        return true;
      }
    }
    return false;
  }
}
