package com.architectreviewer.review.rules;

import com.architectreviewer.review.Rule;
import com.architectreviewer.review.Severity;
import com.architectreviewer.review.js.Call;
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
      RequestFlow flow = null;
      for (var call : h.calls()) {
        if (!LlmCalls.isLlmCall(model, h.module(), call)
            || LlmCalls.billedToCaller(h.module(), call)) {
          continue;
        }
        if (flow == null) {
          flow = h.flow(model);
        }
        var chosen = clientChosen(h, flow, call);
        if (!chosen.isEmpty()) {
          findings.add(
              RULE,
              Location.of(h.module(), call),
              h.label()
                  + " passes "
                  + String.join(", ", chosen)
                  + " from the request straight into `"
                  + call.callee()
                  + "`: the caller picks the model, the token budget or the prompt, and so the"
                  + " cost of every request");
        }
      }
    }
  }

  private static List<String> clientChosen(Handlers h, RequestFlow flow, Call call) {
    var m = h.module();
    var result = new ArrayList<String>();
    var open = JsQueries.tok(m, call.openParen() + 1);
    if (open == null || !open.isPunct("{")) {
      return result;
    }
    int close = JsQueries.matching(m, call.openParen() + 1);
    int k = call.openParen() + 2;
    while (k < close) {
      int end = entryEnd(h, k, close);
      var first = m.tokens().get(k);
      if (first.isPunct("...") && k + 1 <= end) {
        var spread = m.tokens().get(k + 1);
        if (flow.isSourceAt(k + 1)
            || (spread.isIdent() && end == k + 1 && flow.holdsInput(spread.text(), k + 1))) {
          result.add("the whole body (`..." + m.text(k + 1, end) + "`)");
        }
      } else if (first.isIdent() && PARAMETERS.contains(first.text())) {
        var colon = JsQueries.tok(m, k + 1);
        if (colon != null && colon.isPunct(":") && k + 2 <= end) {
          if (flow.isClientChosen(k + 2, end)) {
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

  private static int entryEnd(Handlers h, int start, int close) {
    var m = h.module();
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
