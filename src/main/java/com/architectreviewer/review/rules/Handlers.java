package com.architectreviewer.review.rules;

import com.architectreviewer.review.js.Call;
import com.architectreviewer.review.js.JsModule;
import com.architectreviewer.review.model.Handler;
import com.architectreviewer.review.model.ProjectModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A request handler with its parsed module and body, as the rules half walks them. */
record Handlers(Handler handler, JsModule module, int scope) {

  /** Every handler with a resolved body in its own module ({@code middleware.ts} excluded). */
  static List<Handlers> of(ProjectModel model) {
    var result = new ArrayList<Handlers>();
    for (var handler : model.handlers()) {
      if (handler.kind() == Handler.Kind.MIDDLEWARE || !handler.target().resolved()) {
        continue;
      }
      Optional<JsModule> module = model.module(handler.target().file());
      module.ifPresent(m -> result.add(new Handlers(handler, m, handler.target().scope())));
    }
    return result;
  }

  /** Calls in the body, nested callbacks included. */
  List<Call> calls() {
    return module.callsWithin(scope);
  }

  /** Calls that run on the handler's own path (not inside callbacks it hands to others). */
  List<Call> ownCalls() {
    return calls().stream().filter(c -> module.enclosingFunction(c.scope()) == scope).toList();
  }

  /** The request-input flow of the body. */
  RequestFlow flow(ProjectModel model) {
    return new RequestFlow(
        module,
        scope,
        handler.kind() == Handler.Kind.SERVER_ACTION,
        ValidatingWrappers.validates(model, module, scope)
            || ValidatingWrappers.validatingMiddleware(handler.middleware()),
        call -> LlmCalls.isLlmCall(model, module, call));
  }

  /** {@code `POST /api/chat` (`app/api/chat/route.ts`)}. */
  String label() {
    return "`" + handler.label() + "` (`" + handler.file() + "`)";
  }

  /** Where the handler is declared. */
  Location location() {
    return Location.line(handler.file(), handler.line());
  }
}
