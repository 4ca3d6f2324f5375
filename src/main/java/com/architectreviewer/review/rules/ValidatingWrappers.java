package com.architectreviewer.review.rules;

import com.architectreviewer.review.js.Call;
import com.architectreviewer.review.js.JsModule;
import com.architectreviewer.review.model.ProjectModel;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Handlers whose input a wrapper validates before their body runs: {@code validatedAction(schema,
 * async (data) => ...)} (a project function that parses with the schema and passes the result on),
 * next-safe-action's {@code client.schema(s).action(async ({ parsedInput }) => ...)}, tRPC's {@code
 * procedure.input(z...).mutation(({ input }) => ...)}, and any wrapper handed a schema beside the
 * function ({@code authedAction(noteSchema, fn)}, {@code withBody(z.object(...), fn)}).
 */
final class ValidatingWrappers {

  /** Chain members that attach a schema to the function passed later in the chain. */
  private static final Set<String> SCHEMA_MEMBERS =
      Set.of("schema", "inputSchema", "input", "bindArgsSchemas", "validator", "body");

  private ValidatingWrappers() {}

  /**
   * True when the input of handler function {@code fn} is validated by the wrapper it is passed to.
   */
  static boolean validates(ProjectModel model, JsModule m, int fn) {
    var wrapper = JsQueries.callReceiving(m, fn);
    if (wrapper.isEmpty()) {
      return false;
    }
    var call = wrapper.get();
    if (schemaArgument(m, call, fn) || schemaInChain(m, call)) {
      return true;
    }
    if (call.callee().startsWith(".") || call.callee().contains(".")) {
      return false;
    }
    var target = model.nameTarget(m, call.callee(), call.startToken());
    if (!target.resolved()) {
      return false;
    }
    var body = model.module(target.file());
    return body.isPresent() && parsesInput(body.get(), target.scope());
  }

  /** An argument other than the function itself that is a schema: a name ending in schema, z.… */
  private static boolean schemaArgument(JsModule m, Call call, int fn) {
    int fnStart = m.scope(fn).startToken();
    for (var arg : m.arguments(call)) {
      if (arg[0] <= fnStart && fnStart <= arg[1] + 1) {
        continue;
      }
      var first = m.tokens().get(arg[0]);
      if (!first.isIdent()) {
        continue;
      }
      var name = first.text().toLowerCase(Locale.ROOT);
      if (arg[0] == arg[1] && (name.endsWith("schema") || name.endsWith("validator"))) {
        return true;
      }
      var dot = JsQueries.tok(m, arg[0] + 1);
      if ((name.equals("z") || name.equals("v") || name.equals("yup") || name.equals("joi"))
          && dot != null
          && dot.isPunct(".")) {
        return true;
      }
    }
    return false;
  }

  /** {@code client.schema(s).action(fn)}, {@code procedure.input(z…).mutation(fn)}. */
  private static boolean schemaInChain(JsModule m, Call call) {
    if (!call.callee().startsWith(".")) {
      return false;
    }
    for (var other : m.calls()) {
      if (other.startToken() >= CallKinds.chainHead(m, call).startToken()
          && other.closeParen() > 0
          && other.closeParen() < call.startToken()
          && SCHEMA_MEMBERS.contains(other.member())
          && other.hasArguments()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Route middleware that validates the request before the handler ({@code
   * validate(schemas.create)}, {@code zValidator('json', s)}, {@code celebrate({...})}, {@code
   * validateBody(s)}).
   */
  static boolean validatingMiddleware(List<String> middleware) {
    for (var text : middleware) {
      var lower = text.toLowerCase(Locale.ROOT);
      if (lower.contains("validat") || lower.startsWith("celebrate(") || lower.contains("schema")) {
        return true;
      }
    }
    return false;
  }

  /** The wrapper's body (or a function it returns) calls a schema validator. */
  private static boolean parsesInput(JsModule m, int fn) {
    for (var call : m.callsWithin(fn)) {
      if (RequestFlow.VALIDATORS.contains(call.member())
          && call.callee().contains(".")
          && !RequestFlow.isDecoder(call)) {
        return true;
      }
    }
    return false;
  }
}
