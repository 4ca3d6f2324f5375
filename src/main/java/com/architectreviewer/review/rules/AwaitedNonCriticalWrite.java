package com.architectreviewer.review.rules;

import com.architectreviewer.review.Rule;
import com.architectreviewer.review.Severity;
import com.architectreviewer.review.js.Call;
import com.architectreviewer.review.model.ProjectModel;

/** AR-OBS-002: an awaited analytics/log/audit write on a handler's critical path, unprotected. */
final class AwaitedNonCriticalWrite implements Check {

  static final Rule RULE =
      Rule.of(
          "AR-OBS-002",
          "Non-critical write awaited on the critical path",
          Severity.MEDIUM,
          "When the database is saturated (the P1017 situation) or the analytics vendor is down, an"
              + " awaited analytics/audit insert turns the user's request into a 500 and holds a"
              + " connection the critical queries need. The seed (section 1, graceful degradation)"
              + " says: skip the log or queue it instead of crashing the user request.",
          "Take it off the critical path:\n"
              + "  after(() => prisma.auditLog.create({ data }));        // next/server\n"
              + "  waitUntil(track('report_viewed', props));            // @vercel/functions\n"
              + "  track(...).catch((e) => log.warn('analytics skipped', e));\n"
              + "or wrap it in try/catch when it must be awaited.");

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void run(ProjectModel model, Findings findings) {
    for (var h : Handlers.of(model)) {
      var m = h.module();
      for (var call : h.ownCalls()) {
        if (!call.awaited() || !isStatement(h, call) || !NonCritical.isNonCriticalWrite(m, call)) {
          continue;
        }
        if (JsQueries.insideTry(m, call.startToken(), h.scope()) || caught(h, call)) {
          continue;
        }
        findings.add(
            RULE,
            Location.of(m, call),
            h.label()
                + " awaits the non-critical write `"
                + call.callee()
                + "` before answering: if the database or the analytics service is slow or down,"
                + " the user's request waits or fails with it");
      }
    }
  }

  /**
   * {@code await write(...)} as a statement of its own: a result nobody reads (not {@code const x =
   * await ...}).
   */
  private static boolean isStatement(Handlers h, Call call) {
    var m = h.module();
    int await = call.startToken() - 1;
    var awaitToken = JsQueries.tok(m, await);
    if (awaitToken == null || !awaitToken.isIdent("await")) {
      return false;
    }
    var before = JsQueries.tok(m, await - 1);
    return before == null
        || before.isPunct(";")
        || before.isPunct("{")
        || before.isPunct("}")
        || awaitToken.newlineBefore() && !before.isPunct("=") && !before.isIdent("return");
  }

  private static boolean caught(Handlers h, Call call) {
    var m = h.module();
    var dot = JsQueries.tok(m, call.closeParen() + 1);
    var member = JsQueries.tok(m, call.closeParen() + 2);
    return dot != null && dot.isPunct(".") && member != null && member.isIdent("catch");
  }
}
