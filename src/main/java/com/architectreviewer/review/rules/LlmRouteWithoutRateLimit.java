package com.architectreviewer.review.rules;

import com.architectreviewer.review.Rule;
import com.architectreviewer.review.Severity;
import com.architectreviewer.review.model.CallSite;
import com.architectreviewer.review.model.Handler;
import com.architectreviewer.review.model.ProjectModel;
import java.util.List;

/** AR-AI-001: a handler reaches an LLM call with no rate limiting on its path. */
final class LlmRouteWithoutRateLimit implements Check {

  static final Rule RULE =
      Rule.of(
          "AR-AI-001",
          "LLM route without rate limiting",
          Severity.HIGH,
          "Every LLM call costs money and provider quota. A route that reaches one with no limiter"
              + " lets one script spend the month's budget and exhaust the quota for every user:"
              + " the seed (section 5) requires @upstash/ratelimit on AI/LLM routes 'to prevent"
              + " abuse and cost explosions'.",
          "Limit per caller before the model call:\n"
              + "  const ratelimit = new Ratelimit({ redis: Redis.fromEnv(),"
              + " limiter: Ratelimit.slidingWindow(10, '60 s') });\n"
              + "  const { success } = await ratelimit.limit(userId ?? ip);\n"
              + "  if (!success) return new Response('Too many requests', { status: 429 });\n"
              + "or once in middleware.ts with a matcher that covers the AI routes"
              + " (express: app.use('/api', rateLimit({ windowMs: 60_000, limit: 20 }))).");

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void run(ProjectModel model, Findings findings) {
    for (var handler : model.handlers()) {
      if (handler.kind() == Handler.Kind.MIDDLEWARE || !handler.target().resolved()) {
        continue;
      }
      var path = model.reaches(handler, site -> LlmCalls.isLlmCall(model, site));
      if (path.isEmpty()
          || LlmCalls.billedToCaller(path.get().getLast().module(), path.get().getLast().call())
          || Limits.on(model, handler).isPresent()) {
        continue;
      }
      findings.add(
          RULE,
          Location.line(handler.file(), handler.line()),
          "`"
              + handler.label()
              + "` (`"
              + handler.file()
              + "`) reaches "
              + describe(path.get())
              + " and nothing on its path limits the request rate (no limiter in the handler or"
              + " what it calls, no rate-limit middleware covering the route): one client can"
              + " run up the provider bill");
    }
  }

  private static String describe(List<CallSite> path) {
    var llm = path.getLast();
    var where = llm.file() + ":" + llm.line();
    if (path.size() == 1) {
      return LlmCalls.describe(llm) + " directly (line " + llm.line() + ")";
    }
    return LlmCalls.describe(llm) + " in `" + where + "` via `" + path.getFirst().callee() + "()`";
  }
}
