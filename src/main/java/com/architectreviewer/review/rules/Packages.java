package com.architectreviewer.review.rules;

import com.architectreviewer.review.js.JsModule;
import com.architectreviewer.review.model.CallSite;
import com.architectreviewer.review.model.ProjectModel;

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
          return throughDeclarations(module, origin.get().declaration().name(), at + 1);
        }
      }
    }
    return throughDeclarations(module, site.call().root(), at);
  }

  private static String throughDeclarations(JsModule m, String name, int at) {
    for (int hop = 0; hop < 4; hop++) {
      var imported = m.importOf(name);
      if (imported.isPresent()) {
        return imported.get().from().packageName();
      }
      var decl = m.resolve(name, at);
      if (decl.isEmpty() || !decl.get().hasInitialiser()) {
        return "";
      }
      var d = decl.get();
      String next = null;
      for (var call : m.calls()) {
        if (d.initialiserContains(call.startToken()) && !call.callee().startsWith(".")) {
          if (call.callee().equals("require") && call.hasArguments()) {
            var spec = m.tokens().get(call.openParen() + 1);
            return spec.isString() ? packageName(spec.text()) : "";
          }
          next = call.root();
          at = call.startToken();
          break;
        }
      }
      if (next == null || next.equals(name)) {
        return "";
      }
      name = next;
    }
    return "";
  }

  private static String packageName(String specifier) {
    if (specifier.startsWith(".") || specifier.startsWith("/")) {
      return "";
    }
    var parts = specifier.split("/", 3);
    return specifier.startsWith("@") && parts.length >= 2 ? parts[0] + "/" + parts[1] : parts[0];
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
