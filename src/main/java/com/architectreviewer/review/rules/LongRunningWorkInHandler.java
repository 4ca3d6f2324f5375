package com.architectreviewer.review.rules;

import com.architectreviewer.review.Confidence;
import com.architectreviewer.review.Rule;
import com.architectreviewer.review.Severity;
import com.architectreviewer.review.js.Call;
import com.architectreviewer.review.js.JsModule;
import com.architectreviewer.review.js.TokenKind;
import com.architectreviewer.review.model.Deployment;
import com.architectreviewer.review.model.Handler;
import com.architectreviewer.review.model.ProjectModel;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** AR-JOB-001: long-running work inside a request handler. */
final class LongRunningWorkInHandler implements Check {

  static final Rule RULE =
      Rule.of(
          "AR-JOB-001",
          "Long-running work in the request path",
          Severity.HIGH,
          "A serverless function is killed at its time limit and the work is lost half-done; while"
              + " it runs it holds a concurrency slot and often a database connection, the"
              + " exhaustion behind the P1017 incident. The seed (section 3): long-running tasks"
              + " 'should never run in the main Vercel Function execution path'.",
          "Dispatch a job and answer 202 Accepted; a worker does the work:\n"
              + "  await inngest.send({ name: 'repo/analyze.requested', data: { repoUrl } });\n"
              + "  return Response.json({ jobId }, { status: 202, headers: { Location:"
              + " `/api/jobs/${jobId}` } });\n"
              + "For independent network calls in a loop: await Promise.all(items.map(fetchOne)).");

  private static final Set<String> CHILD_PROCESS =
      Set.of("exec", "execSync", "spawn", "spawnSync", "execFile", "execFileSync", "fork");
  private static final String[] BROWSERS = {
    "puppeteer",
    "puppeteer-core",
    "playwright",
    "playwright-core",
    "@playwright/test",
    "playwright-chromium",
    "chrome-aws-lambda",
    "@sparticuz/chromium"
  };
  private static final Set<String> NETWORK =
      Set.of("fetch", "axios", "got", "ky", "$fetch", "ofetch", "request", "superagent");
  private static final int LONG_SECONDS = 60;

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void run(ProjectModel model, Findings findings) {
    var reportedModules = new HashSet<String>();
    for (var h : Handlers.of(model)) {
      var m = h.module();
      String what = null;
      Call at = null;
      for (var call : h.calls()) {
        what = longRunning(model, m, call);
        if (what != null) {
          at = call;
          break;
        }
      }
      if (at == null) {
        // long work in a project function the handler calls: report it at the handler's call
        var path =
            model.reaches(
                h.handler(), site -> longRunning(model, site.module(), site.call()) != null);
        if (path.isPresent() && path.get().size() > 1) {
          var last = path.get().getLast();
          var first = path.get().getFirst();
          what =
              longRunning(model, last.module(), last.call())
                  + " in `"
                  + last.file()
                  + ":"
                  + last.line()
                  + "` via `"
                  + first.callee()
                  + "()`";
          at = first.call();
        }
      }
      if (at == null) {
        at = awaitedNetworkCallInLoop(model, h);
        what =
            at == null
                ? null
                : "awaits `" + at.callee() + "` once per item of a loop, one after another";
      }
      if (at == null) {
        continue;
      }
      int max = maxDuration(m);
      reportedModules.add(m.file());
      var deployment = model.appOf(h.handler().file()).deployment();
      var severity =
          deployment.target() == Deployment.Target.LONG_RUNNING ? Severity.MEDIUM : RULE.severity();
      var confidence = deployment.isUnknown() ? Confidence.MEDIUM : Confidence.HIGH;
      findings.add(
          RULE,
          Location.of(m, at),
          h.label()
              + " "
              + what
              + " inside the request"
              + (max >= LONG_SECONDS ? " (and raises maxDuration to " + max + " s)" : "")
              + ": it belongs in a queue worker, with the route answering 202 Accepted"
              + where(deployment),
          severity,
          confidence);
    }
    for (var file : model.handlers().stream().map(Handler::file).distinct().toList()) {
      var module = model.module(file);
      if (module.isEmpty()
          || reportedModules.contains(file)
          || model.handlers(file).stream().allMatch(x -> x.kind() == Handler.Kind.MIDDLEWARE)) {
        continue;
      }
      int at = maxDurationToken(module.get());
      if (at >= 0 && !streamsAnswer(module.get())) {
        int seconds = Integer.parseInt(module.get().tokens().get(at).text().replace("_", ""));
        findings.add(
            RULE,
            Location.ofToken(module.get(), at),
            "`"
                + file
                + "` raises its time limit to maxDuration = "
                + seconds
                + " s: work that long belongs in a queue worker, with the route answering 202"
                + " Accepted");
      }
    }
  }

  /** What the deployment target adds to the message. */
  static String where(Deployment deployment) {
    return switch (deployment.target()) {
      case SERVERLESS -> " (serverless: killed at the function's time limit)";
      case LONG_RUNNING ->
          " (long-running server: no hard time limit, but it holds a worker and"
              + " connections per request)";
      case UNKNOWN -> " (deployment target unknown)";
    };
  }

  private static final Set<String> PACKAGES =
      Set.of(
          "child_process",
          "node:child_process",
          "execa",
          "zx",
          "fluent-ffmpeg",
          "simple-git",
          "pdf-parse",
          "mammoth");
  private static final Set<String> CANDIDATES =
      Set.of(
          "launch",
          "run",
          "wait",
          "subscribe",
          "generate",
          "clone",
          "$",
          "execa",
          "ffmpeg",
          "createImage",
          "fetch",
          "load",
          "loadAndSplit",
          "splitDocuments",
          "createDocuments",
          "splitText",
          "extractRawText");

  private static String longRunning(ProjectModel model, JsModule m, Call call) {
    if (call.callee().startsWith(".")
        || !(CHILD_PROCESS.contains(call.member())
            || CANDIDATES.contains(call.member())
            || m.importOf(call.root())
                .map(i -> PACKAGES.contains(i.from().packageName()))
                .orElse(false))) {
      return null;
    }
    var site = model.site(m, call);
    var pkg = Packages.of(model, site);
    var member = call.member();
    String name =
        call.callee().contains(".")
            ? member
            : site.origin().map(o -> o.importedName()).orElse(member);
    if ((pkg.equals("child_process") || pkg.equals("node:child_process"))
        && CHILD_PROCESS.contains(name)) {
      var first = JsQueries.tok(m, call.openParen() + 1);
      boolean git = first != null && first.isString() && first.text().startsWith("git clone");
      return git
          ? "clones a repository (`" + call.callee() + "`)"
          : "runs a child process (`" + call.callee() + "`)";
    }
    if (pkg.equals("execa") || pkg.equals("zx")) {
      return "runs a child process (`" + call.callee() + "`)";
    }
    if (Packages.in(pkg, BROWSERS) && member.equals("launch")) {
      return "starts a headless browser (`" + call.callee() + "`)";
    }
    if (pkg.equals("replicate") && (member.equals("run") || member.equals("wait"))) {
      return "waits for a media generation job (`" + call.callee() + "`)";
    }
    if (pkg.startsWith("@fal-ai/") && member.equals("subscribe")) {
      return "waits for a media generation job (`" + call.callee() + "`)";
    }
    if (pkg.equals("openai")
        && (call.callee().endsWith("images.generate") || member.equals("createImage"))) {
      return "generates images (`" + call.callee() + "`)";
    }
    if (pkg.contains("langchain")
        && (member.equals("load") || member.equals("loadAndSplit"))
        && site.origin().map(o -> o.importedName().endsWith("Loader")).orElse(false)) {
      return "loads a whole document (`" + call.callee() + "`)";
    }
    if ((pkg.contains("langchain") || pkg.contains("textsplitters"))
        && Set.of("splitDocuments", "createDocuments", "splitText").contains(member)) {
      return "splits documents into chunks to embed (`" + call.callee() + "`)";
    }
    if (pkg.equals("pdf-parse") || (pkg.equals("mammoth") && member.equals("extractRawText"))) {
      return "parses a document (`" + call.callee() + "`)";
    }
    if (call.callee().equals("fetch")) {
      var url = JsQueries.tok(m, call.openParen() + 1);
      if (url != null
          && url.isString()
          && url.text().contains("api.replicate.com/v1/predictions")) {
        return "starts a media generation job (`fetch` to Replicate's predictions API)";
      }
    }
    if ((pkg.equals("simple-git") || pkg.equals("isomorphic-git")) && member.equals("clone")) {
      return "clones a repository (`" + call.callee() + "`)";
    }
    if (pkg.equals("fluent-ffmpeg")) {
      return "transcodes media (`" + call.callee() + "`)";
    }
    return null;
  }

  private static Call awaitedNetworkCallInLoop(ProjectModel model, Handlers h) {
    var m = h.module();
    var scope = m.scope(h.scope());
    List<Call> own = null;
    for (int k = scope.startToken(); k <= scope.endToken() && k < m.tokens().size(); k++) {
      var tk = m.tokens().get(k);
      if (!tk.isIdent("for") || !JsQueries.tok(m, k + 1).isPunct("(")) {
        continue;
      }
      int close = JsQueries.matching(m, k + 1);
      if (!iteratesCollection(m, k + 1, close)) {
        continue;
      }
      if (own == null) {
        own = h.ownCalls();
      }
      var brace = JsQueries.tok(m, close + 1);
      int end =
          brace != null && brace.isPunct("{")
              ? JsQueries.matching(m, close + 1)
              : JsQueries.expressionEnd(m, close + 1);
      for (var call : own) {
        if (call.startToken() > close
            && call.startToken() < end
            && call.awaited()
            && (NETWORK.contains(call.root()) || LlmCalls.isLlmCall(model, m, call))) {
          return call;
        }
      }
    }
    return null;
  }

  private static boolean iteratesCollection(JsModule m, int open, int close) {
    for (int k = open + 1; k < close; k++) {
      var tk = m.tokens().get(k);
      if (tk.isIdent("of") || tk.isIdent("in") || tk.isIdent("length")) {
        return true;
      }
    }
    return false;
  }

  /** Calls that stream a model's answer to the client as it is generated. */
  private static final Set<String> STREAMING =
      Set.of(
          "streamText",
          "streamObject",
          "streamUI",
          "toDataStreamResponse",
          "toUIMessageStreamResponse",
          "toTextStreamResponse",
          "createDataStreamResponse",
          "createUIMessageStream",
          "createUIMessageStreamResponse",
          "StreamingTextResponse",
          "OpenAIStream",
          "AnthropicStream",
          "LangChainAdapter",
          "ReadableStream");

  /**
   * True when the route streams its answer: a streaming LLM route raises maxDuration so the stream
   * is not cut, which is not long work that belongs in a queue.
   */
  private static boolean streamsAnswer(JsModule m) {
    for (var call : m.calls()) {
      if (STREAMING.contains(call.member()) || STREAMING.contains(call.root())) {
        return true;
      }
    }
    var t = m.tokens();
    for (int k = 0; k + 2 < t.size(); k++) {
      if (t.get(k).isIdent("stream") && t.get(k + 1).isPunct(":") && t.get(k + 2).isIdent("true")) {
        return true;
      }
    }
    return false;
  }

  private static int maxDuration(JsModule m) {
    int at = maxDurationToken(m);
    return at < 0 ? 0 : Integer.parseInt(m.tokens().get(at).text().replace("_", ""));
  }

  /** The number token of a {@code maxDuration} of 60 s or more, or -1. */
  private static int maxDurationToken(JsModule m) {
    var t = m.tokens();
    for (int k = 0; k + 2 < t.size(); k++) {
      if (t.get(k).isIdent("maxDuration")
          && (t.get(k + 1).isPunct("=") || t.get(k + 1).isPunct(":"))
          && t.get(k + 2).kind() == TokenKind.NUMBER
          && m.isModuleLevel(m.scopeOf(k))) {
        try {
          if (Integer.parseInt(t.get(k + 2).text().replace("_", "")) >= LONG_SECONDS) {
            return k + 2;
          }
        } catch (NumberFormatException e) {
          return -1;
        }
      }
    }
    return -1;
  }
}
