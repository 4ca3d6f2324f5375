package com.architectreviewer.review.rules;

import com.architectreviewer.review.js.Call;
import com.architectreviewer.review.js.JsModule;
import com.architectreviewer.review.model.Handler;
import com.architectreviewer.review.model.ProjectModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Request data a handler hands to project functions, followed into them: each function's summary
 * (which parameters carry the request, which hold unvalidated input) applied at the call site, so a
 * helper {@code complete(messages, model)} that calls the provider is judged with the data the
 * route passes it. Follows imports, re-exports and default exports (the model's name resolution),
 * up to {@link #MAX_DEPTH} calls deep; recursion is cut.
 */
final class HelperCalls {

  static final int MAX_DEPTH = 3;

  private HelperCalls() {}

  /** One call on the way from the handler to a sink. */
  record Step(JsModule module, Call call) {
    String describe() {
      return "`" + call.callee() + "()` (" + module.file() + ":" + call.line() + ")";
    }
  }

  /** Sees every call on the handler's paths, with the flow of the function that makes it. */
  interface Visitor {
    /**
     * @param via the calls from the handler's body to the function making {@code call} (empty for
     *     the handler's own calls)
     */
    void visit(JsModule module, RequestFlow flow, Call call, List<Step> via);
  }

  /** {@code `complete()` (lib/ai.ts:12) → `send()` (lib/http.ts:4)}. */
  static String chain(List<Step> via) {
    var parts = new ArrayList<String>();
    for (var step : via) {
      parts.add(step.describe());
    }
    return String.join(" → ", parts);
  }

  /** Walks the handler's calls, then those of the project functions it passes request data to. */
  static void walk(ProjectModel model, Handlers h, RequestFlow flow, Visitor visitor) {
    walk(model, h.module(), h.scope(), flow, new ArrayList<>(), new HashSet<>(), visitor);
  }

  private static void walk(
      ProjectModel model,
      JsModule m,
      int fn,
      RequestFlow flow,
      List<Step> via,
      Set<String> onPath,
      Visitor visitor) {
    for (var call : m.callsWithin(fn)) {
      visitor.visit(m, flow, call, via);
      if (via.size() >= MAX_DEPTH || call.isNew() || !call.hasArguments()) {
        continue;
      }
      var target = callee(model, m, call);
      if (target == null) {
        continue;
      }
      var key = target.file() + "#" + target.scope();
      if (onPath.contains(key)) {
        continue;
      }
      var raw = new HashMap<Integer, Boolean>();
      var request = new HashSet<Integer>();
      var args = m.arguments(call);
      for (int i = 0; i < args.size(); i++) {
        var arg = args.get(i);
        var only = m.tokens().get(arg[0]);
        if (arg[0] == arg[1] && only.isIdent() && flow.isRequestParam(only.text())) {
          request.add(i);
        } else if (flow.firstRawInput(arg[0], arg[1]) >= 0) {
          raw.put(i, flow.isClientChosen(arg[0], arg[1]));
        }
      }
      if (raw.isEmpty() && request.isEmpty()) {
        continue;
      }
      var module = model.module(target.file());
      if (module.isEmpty()) {
        continue;
      }
      var helper = module.get();
      var helperFlow =
          new RequestFlow(
              helper, target.scope(), raw, request, c -> LlmCalls.isLlmCall(model, helper, c));
      onPath.add(key);
      via.add(new Step(m, call));
      walk(model, helper, target.scope(), helperFlow, via, onPath, visitor);
      via.removeLast();
      onPath.remove(key);
    }
  }

  /**
   * The project function a call runs ({@code complete(...)}, or a method of a project object or
   * class instance: {@code ai.petition(...)}), or null.
   */
  private static Handler.Target callee(ProjectModel model, JsModule m, Call call) {
    var target =
        call.callee().contains(".")
            ? model.memberTarget(m, call)
            : model.nameTarget(m, call.callee(), call.startToken());
    return target.resolved() ? target : null;
  }
}
