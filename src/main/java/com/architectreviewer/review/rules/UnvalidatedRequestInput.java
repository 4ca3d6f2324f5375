package com.architectreviewer.review.rules;

import com.architectreviewer.review.Rule;
import com.architectreviewer.review.Severity;
import com.architectreviewer.review.model.ProjectModel;

/** AR-SEC-001: request input used in a DB write or an LLM call without schema validation. */
final class UnvalidatedRequestInput implements Check {

  static final Rule RULE =
      Rule.of(
          "AR-SEC-001",
          "Request input used without schema validation",
          Severity.HIGH,
          "Unvalidated bodies let a caller set columns they must not (role, another userId), send"
              + " operators to MongoDB, store megabytes in a text column or feed arbitrary prompts"
              + " to a paid model; the database then fails with a 500 instead of a clear 400. The"
              + " seed (section 5) asks for strict zod validation on ALL API inputs.",
          "Parse with a schema before use:\n"
              + "  const NewUser = z.object({ email: z.string().email(), name: z.string().max(100)"
              + " });\n"
              + "  const parsed = NewUser.safeParse(await req.json());\n"
              + "  if (!parsed.success) return Response.json(parsed.error.flatten(), { status: 400"
              + " });\n"
              + "  await prisma.user.create({ data: parsed.data });");

  private static String calleeText(
      com.architectreviewer.review.js.JsModule module, com.architectreviewer.review.js.Call call) {
    if (!call.callee().startsWith(".")) {
      return call.callee();
    }
    var head = CallKinds.chainHead(module, call);
    return module.text(head.startToken(), call.startToken());
  }

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void run(ProjectModel model, Findings findings) {
    for (var h : Handlers.of(model)) {
      var reportedSites = new java.util.HashSet<com.architectreviewer.review.js.Call>();
      HelperCalls.walk(
          model,
          h,
          h.flow(model),
          (module, flow, call, via) -> {
            boolean write = CallKinds.isDbWrite(module, call);
            boolean llm =
                !write
                    && LlmCalls.isLlmCall(model, module, call)
                    && !LlmCalls.billedToCaller(module, call);
            if (!write && !llm) {
              return;
            }
            int input = flow.rawInputIn(call);
            if (input < 0) {
              return;
            }
            var sink =
                (write ? "the database write `" : "the LLM call `")
                    + calleeText(module, call)
                    + "`";
            if (via.isEmpty()) {
              findings.add(
                  RULE,
                  Location.of(module, call),
                  h.label()
                      + " passes `"
                      + flow.describeInput(input)
                      + "` (request input, never checked by a schema) into "
                      + sink
                      + " on line "
                      + call.line()
                      + ": validate it first (zod, valibot, yup...)");
              return;
            }
            var first = via.getFirst();
            if (!reportedSites.add(first.call())) {
              return;
            }
            findings.add(
                RULE,
                Location.of(first.module(), first.call()),
                h.label()
                    + " passes request input, never checked by a schema, to "
                    + HelperCalls.chain(via)
                    + ", which hands it (as `"
                    + flow.describeInput(input)
                    + "`) to "
                    + sink
                    + " in `"
                    + module.file()
                    + ":"
                    + call.line()
                    + "`: validate it in the handler first (zod, valibot, yup...)");
          });
    }
  }
}
