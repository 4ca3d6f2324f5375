package com.architectreviewer.review.rules;

import com.architectreviewer.review.Confidence;
import com.architectreviewer.review.Rule;
import com.architectreviewer.review.Severity;
import com.architectreviewer.review.js.JsModule;
import com.architectreviewer.review.model.ProjectModel;
import java.util.Set;

/** AR-JOB-002: an unbounded polling loop ({@code while (true)} with a wait) inside a handler. */
final class PollingLoopInHandler implements Check {

  static final Rule RULE =
      Rule.of(
          "AR-JOB-002",
          "Unbounded polling loop in a request handler",
          Severity.MEDIUM,
          "A handler that polls until a remote job is done holds a function instance, a concurrency"
              + " slot and often a database connection for as long as the job takes; when the job"
              + " hangs, the request hangs until the platform kills it. The seed (section 3): API"
              + " routes dispatch a job and return 202 at once; the UI polls or uses SSE.",
          "Return 202 with the job id and let the client poll a cheap status route:\n"
              + "  return Response.json({ id }, { status: 202, headers: { Location:"
              + " `/api/jobs/${id}` } });\n"
              + "If a short wait is really needed, bound it: for (let i = 0; i < 3; i++) { ... }");

  private static final Set<String> WAITS =
      Set.of(
          "sleep",
          "delay",
          "wait",
          "setTimeout",
          "timeout",
          "pause",
          "waitFor",
          "setTimeoutPromise");

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void run(ProjectModel model, Findings findings) {
    for (var h : Handlers.of(model)) {
      var m = h.module();
      var scope = m.scope(h.scope());
      for (int k = scope.startToken(); k <= scope.endToken() && k < m.tokens().size(); k++) {
        int body = unboundedLoopBody(m, k);
        if (body < 0 || m.enclosingFunction(m.scopeOf(k)) != h.scope()) {
          continue;
        }
        int end = JsQueries.matching(m, body);
        var wait = waitIn(m, body, end);
        if (wait == null) {
          continue;
        }
        findings.add(
            RULE,
            Location.ofToken(m, k),
            h.label()
                + " polls in an endless loop (`"
                + m.text(k, body - 1)
                + "` with `"
                + wait
                + "`) inside the request: nothing but the platform timeout stops it"
                + LongRunningWorkInHandler.where(model.appOf(h.handler().file()).deployment()),
            RULE.severity(),
            model.appOf(h.handler().file()).deployment().isUnknown()
                ? Confidence.MEDIUM
                : Confidence.HIGH);
        k = end;
      }
    }
  }

  /** The index of the loop body's {@code {} when token {@code k} starts an always-true loop, else -1. */
  private static int unboundedLoopBody(JsModule m, int k) {
    var tk = m.tokens().get(k);
    if (tk.isIdent("while") && !isDoWhileTail(m, k)) {
      int untilState = untilStateBody(m, k);
      if (untilState >= 0) {
        return untilState;
      }
      var open = JsQueries.tok(m, k + 1);
      var cond = JsQueries.tok(m, k + 2);
      var close = JsQueries.tok(m, k + 3);
      var brace = JsQueries.tok(m, k + 4);
      if (open != null
          && open.isPunct("(")
          && cond != null
          && (cond.isIdent("true") || cond.text().equals("1"))
          && close != null
          && close.isPunct(")")
          && brace != null
          && brace.isPunct("{")) {
        return k + 4;
      }
    }
    if (tk.isIdent("for")) {
      var a = JsQueries.tok(m, k + 1);
      var b = JsQueries.tok(m, k + 2);
      var c = JsQueries.tok(m, k + 3);
      var d = JsQueries.tok(m, k + 4);
      var e = JsQueries.tok(m, k + 5);
      if (a != null
          && a.isPunct("(")
          && b != null
          && b.isPunct(";")
          && c != null
          && c.isPunct(";")
          && d != null
          && d.isPunct(")")
          && e != null
          && e.isPunct("{")) {
        return k + 5;
      }
    }
    if (tk.isIdent("do")) {
      var brace = JsQueries.tok(m, k + 1);
      if (brace != null && brace.isPunct("{")) {
        int end = JsQueries.matching(m, k + 1);
        var w = JsQueries.tok(m, end + 1);
        var open = JsQueries.tok(m, end + 2);
        var cond = JsQueries.tok(m, end + 3);
        if (w != null
            && w.isIdent("while")
            && open != null
            && open.isPunct("(")
            && cond != null
            && (cond.isIdent("true") || cond.text().equals("1"))) {
          return k + 1;
        }
      }
    }
    return -1;
  }

  /**
   * Names of counters and clocks that bound a loop ({@code attempts < 30}, {@code Date.now() <
   * deadline}).
   */
  private static final Set<String> BOUND_WORDS =
      Set.of(
          "attempt",
          "attempts",
          "retry",
          "retries",
          "tries",
          "try",
          "count",
          "counter",
          "max",
          "deadline",
          "timeout",
          "elapsed",
          "now",
          "limit",
          "polls",
          "i",
          "n",
          "tick",
          "ticks");

  /**
   * {@code while (!restoredImage)}, {@code while (status !== "succeeded")}: a loop that waits for a
   * state with no counter or clock in its condition or body; the index of its body's brace, or -1.
   */
  private static int untilStateBody(JsModule m, int k) {
    var open = JsQueries.tok(m, k + 1);
    if (open == null || !open.isPunct("(")) {
      return -1;
    }
    int close = JsQueries.matching(m, k + 1);
    var brace = JsQueries.tok(m, close + 1);
    if (brace == null || !brace.isPunct("{")) {
      return -1;
    }
    int end = JsQueries.matching(m, close + 1);
    for (int j = k + 2; j < end; j++) {
      var tk = m.tokens().get(j);
      if (j < close
          && (tk.isPunct("<") || tk.isPunct("<=") || tk.isPunct(">") || tk.isPunct(">="))) {
        return -1;
      }
      if (tk.isIdent()
          && !WAITS.contains(tk.text())
          && JsQueries.words(tk.text()).stream().anyMatch(BOUND_WORDS::contains)) {
        return -1; // a counter or a clock: attempts, deadline, Date.now (not the sleep itself)
      }
    }
    var first = m.tokens().get(k + 2);
    boolean stateCondition =
        first.isPunct("!")
            || m.text(k + 2, close - 1).contains("!==")
            || m.text(k + 2, close - 1).contains("===");
    return stateCondition ? close + 1 : -1;
  }

  private static boolean isDoWhileTail(JsModule m, int k) {
    var prev = JsQueries.tok(m, k - 1);
    if (prev == null || !prev.isPunct("}")) {
      return false;
    }
    for (int j = k - 2; j >= 0; j--) {
      if (m.tokens().get(j).isIdent("do")
          && JsQueries.tok(m, j + 1).isPunct("{")
          && JsQueries.matching(m, j + 1) == k - 1) {
        return true;
      }
    }
    return false;
  }

  private static String waitIn(JsModule m, int from, int to) {
    for (int k = from; k < to; k++) {
      if (!m.tokens().get(k).isIdent("await")) {
        continue;
      }
      for (int j = k + 1; j < Math.min(to, k + 12); j++) {
        var tk = m.tokens().get(j);
        if (tk.isIdent() && WAITS.contains(tk.text())) {
          return "await " + tk.text() + "(…)";
        }
        if (tk.isPunct(";") || (tk.newlineBefore() && j > k + 1)) {
          break;
        }
      }
    }
    return null;
  }
}
