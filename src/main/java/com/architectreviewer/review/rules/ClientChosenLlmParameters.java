package com.architectreviewer.review.rules;

import com.architectreviewer.review.Rule;
import com.architectreviewer.review.Severity;
import com.architectreviewer.review.js.Call;
import com.architectreviewer.review.js.JsModule;
import com.architectreviewer.review.model.ProjectModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** AR-AI-002: client-supplied LLM parameters passed through unchecked. */
final class ClientChosenLlmParameters implements Check {

  static final Rule RULE =
      Rule.of(
          "AR-AI-002",
          "Client-chosen LLM parameters passed through",
          Severity.MEDIUM,
          "A rate limit counts requests, not tokens: a caller who picks the model, max_tokens, n or"
              + " the whole message list turns each allowed request into many times the planned"
              + " cost and can replace your system prompt (seed section 5: rate limits against"
              + " 'cost explosions', strict validation of all inputs).",
          "Choose model and limits on the server and take only the user's content:\n"
              + "  const model = ALLOWED.includes(input.model) ? input.model : 'gpt-4o-mini';\n"
              + "  await openai.chat.completions.create({ model, max_tokens: 800,\n"
              + "    messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content:"
              + " input.text }] });");

  private static final Set<String> PARAMETERS =
      Set.of(
          "model",
          "max_tokens",
          "max_completion_tokens",
          "maxTokens",
          "maxOutputTokens",
          "messages",
          "n",
          "system",
          "tools");

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void run(ProjectModel model, Findings findings) {
    for (var h : Handlers.of(model)) {
      var reportedSites = new java.util.HashSet<Call>();
      HelperCalls.walk(
          model,
          h,
          h.flow(model),
          (module, flow, call, via) -> {
            if (!LlmCalls.isLlmCall(model, module, call) || LlmCalls.billedToCaller(module, call)) {
              return;
            }
            var chosen = clientChosen(module, flow, call);
            if (chosen.isEmpty()) {
              return;
            }
            if (via.isEmpty()) {
              findings.add(
                  RULE,
                  Location.of(module, call),
                  h.label()
                      + " passes "
                      + String.join(", ", chosen)
                      + " from the request straight into `"
                      + call.callee()
                      + "`: the caller picks the model, the token budget or the messages, and so"
                      + " the cost of every request");
            } else if (reportedSites.add(via.getFirst().call())) {
              findings.add(
                  RULE,
                  Location.of(via.getFirst().module(), via.getFirst().call()),
                  h.label()
                      + " passes request data to "
                      + HelperCalls.chain(via)
                      + ", which sets "
                      + String.join(", ", chosen)
                      + " of `"
                      + call.callee()
                      + "` in `"
                      + module.file()
                      + ":"
                      + call.line()
                      + "` from it: the caller picks the model, the token budget or the messages,"
                      + " and so the cost of every request");
            }
          });
    }
  }

  private static List<String> clientChosen(JsModule m, RequestFlow flow, Call call) {
    var result = new ArrayList<String>();
    int objectOpen = requestObject(m, flow, call, result);
    if (objectOpen < 0) {
      return result;
    }
    int close = JsQueries.matching(m, objectOpen);
    boolean serverSystem = hasServerSystemPrompt(m, flow, objectOpen, close);
    int k = objectOpen + 1;
    while (k < close) {
      int end = entryEnd(m, k, close);
      var first = m.tokens().get(k);
      if (first.isPunct("...") && k + 1 <= end) {
        var spread = m.tokens().get(k + 1);
        if (flow.isSourceAt(k + 1)
            || (spread.isIdent() && end == k + 1 && flow.holdsInput(spread.text(), k + 1))) {
          result.add("the whole body (`..." + m.text(k + 1, end) + "`)");
        }
      } else if (first.isIdent()
          && first.text().equals("messages")
          && serverSystem
          && boundedBySchema(m, flow, k, end)) {
        // Anthropic-style: the system prompt is the server's, the schema bounds the turns
      } else if (first.isIdent() && PARAMETERS.contains(first.text())) {
        var colon = JsQueries.tok(m, k + 1);
        if (colon != null && colon.isPunct(":") && k + 2 <= end) {
          if (flow.isClientChosen(k + 2, end)
              || (first.text().equals("model") && chosenModelFactory(m, flow, k + 2, end))) {
            result.add("`" + first.text() + "`");
          }
        } else if (end == k && flow.isClientChosen(k, k)) {
          result.add("`" + first.text() + "`");
        }
      }
      k = end + 2;
    }
    return result;
  }

  /**
   * The token of the object literal that is the provider request: the call's first argument ({@code
   * create({ ... })}), or for a raw HTTP call the object given to {@code JSON.stringify} in its
   * options ({@code fetch(url, { body: JSON.stringify({ ... }) })}) or as axios's data argument. A
   * body forwarded whole ({@code JSON.stringify(body)}) is added to {@code result}. -1 when none.
   */
  private static int requestObject(JsModule m, RequestFlow flow, Call call, List<String> result) {
    var first = JsQueries.tok(m, call.openParen() + 1);
    if (first != null && first.isPunct("{")) {
      return call.openParen() + 1;
    }
    if (first != null && first.isIdent() && call.closeParen() == call.openParen() + 2) {
      // create(params) with const params = { model, messages, ... } built just before
      var decl = m.resolve(first.text(), call.openParen() + 1);
      if (decl.isPresent()
          && decl.get().hasInitialiser()
          && m.tokens().get(decl.get().initStart()).isPunct("{")) {
        return decl.get().initStart();
      }
    }
    var callee = call.callee();
    if (!callee.equals("fetch")
        && !callee.endsWith(".fetch")
        && !callee.endsWith(".post")
        && !callee.equals("ky")) {
      return -1;
    }
    for (var inner : m.calls()) {
      if (inner.callee().equals("JSON.stringify")
          && inner.startToken() > call.openParen()
          && inner.closeParen() < call.closeParen()
          && inner.hasArguments()) {
        int arg = inner.openParen() + 1;
        var tk = m.tokens().get(arg);
        if (tk.isPunct("{")) {
          return arg;
        }
        if (flow.isClientChosen(arg, inner.closeParen() - 1)) {
          result.add("the whole body (`" + m.text(arg, inner.closeParen() - 1) + "`)");
        }
        return -1;
      }
    }
    var args = m.arguments(call);
    if (args.size() >= 2
        && m.tokens().get(args.get(1)[0]).isPunct("{")
        && !callee.equals("fetch")) {
      return args.get(1)[0];
    }
    return -1;
  }

  /**
   * Provider factories that turn a model id into a model ({@code openai(id)}, {@code gateway(id)}).
   */
  private static final Set<String> MODEL_FACTORIES =
      Set.of(
          "languageModel",
          "chat",
          "openai",
          "anthropic",
          "google",
          "groq",
          "mistral",
          "gateway",
          "xai",
          "deepseek",
          "together",
          "perplexity",
          "openrouter",
          "azure",
          "bedrock",
          "vertex");

  /**
   * {@code model: myProvider.languageModel(selectedChatModel)}: the client's model id handed to a
   * provider factory is still the client's choice.
   */
  private static boolean chosenModelFactory(JsModule m, RequestFlow flow, int from, int to) {
    var t = m.tokens();
    int k = from;
    while (k + 2 <= to && t.get(k).isIdent() && t.get(k + 1).isPunct(".")) {
      k += 2;
    }
    if (k + 1 > to
        || !t.get(k).isIdent()
        || !(MODEL_FACTORIES.contains(t.get(k).text())
            || JsQueries.words(t.get(k).text()).contains("model"))) {
      return false; // openai(id), myProvider.languageModel(id), getLanguageModel(id)
    }
    var open = t.get(k + 1);
    if (!open.isPunct("(") || JsQueries.matching(m, k + 1) != to || k + 2 > to - 1) {
      return false;
    }
    return flow.isClientChosen(k + 2, to - 1);
  }

  /** The request object sets {@code system} to a value the server chose. */
  private static boolean hasServerSystemPrompt(JsModule m, RequestFlow flow, int open, int close) {
    for (int k = open + 1; k < close; k++) {
      var tk = m.tokens().get(k);
      var colon = JsQueries.tok(m, k + 1);
      var before = m.tokens().get(k - 1);
      if (tk.isIdent("system")
          && colon != null
          && colon.isPunct(":")
          && (before.is(",") || before.is("{"))) {
        int end = entryEnd(m, k, close);
        return !flow.isClientChosen(k + 2, end) && flow.firstRawInput(k + 2, end) < 0;
      }
    }
    return false;
  }

  /** The messages value is request data a schema checked (its roles, count and size). */
  private static boolean boundedBySchema(JsModule m, RequestFlow flow, int key, int end) {
    int value = m.tokens().get(key + 1).isPunct(":") ? key + 2 : key;
    return flow.firstRawInput(value, end) < 0;
  }

  private static int entryEnd(JsModule m, int start, int close) {
    int k = start;
    while (k < close) {
      var tk = m.tokens().get(k);
      if (tk.isPunct("(") || tk.isPunct("[") || tk.isPunct("{")) {
        k = JsQueries.matching(m, k) + 1;
        continue;
      }
      if (tk.isPunct(",")) {
        return k - 1;
      }
      k++;
    }
    return close - 1;
  }
}
