package com.architectreviewer.review.rules;

import com.architectreviewer.review.Rule;
import com.architectreviewer.review.Severity;
import com.architectreviewer.review.model.CallSite;
import com.architectreviewer.review.model.Handler;
import com.architectreviewer.review.model.ProjectModel;

/** AR-SEC-005: a GET handler (or a Pages API handler without a method check) with side effects. */
final class GetWithSideEffects implements Check {

  static final Rule RULE =
      Rule.of(
          "AR-SEC-005",
          "GET handler with side effects",
          Severity.MEDIUM,
          "GET is defined as safe: browsers and Next.js <Link> prefetch it, crawlers and link"
              + " previews follow it, caches replay it, and a cross-site <img src> triggers it with"
              + " the victim's cookies (CSRF). A GET that writes, seeds or sends mail runs when"
              + " nobody meant it to.",
          "Do writes on POST/PUT/PATCH/DELETE only; in a Pages API handler check the method first:\n"
              + "  if (req.method !== 'POST') {\n"
              + "    res.setHeader('Allow', 'POST');\n"
              + "    return res.status(405).end();\n"
              + "  }");

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void run(ProjectModel model, Findings findings) {
    for (var h : Handlers.of(model)) {
      var handler = h.handler();
      boolean get = handler.method().equals("GET");
      boolean unchecked = answersEveryMethod(handler) && !checksMethod(h);
      if ((!get && !unchecked) || frameworkOwned(handler)) {
        continue;
      }
      var effect = model.reaches(handler, GetWithSideEffects::sideEffect);
      if (effect.isEmpty()) {
        continue;
      }
      var call = effect.get().getLast();
      var what = CallKinds.isMailSend(call.call()) ? "sends mail" : "writes to the database";
      findings.add(
          RULE,
          h.location(),
          h.label()
              + (get
                  ? " answers GET but "
                  : " has no request method check, so GET reaches it, and ")
              + what
              + " (`"
              + written(call)
              + "` in `"
              + call.file()
              + ":"
              + call.line()
              + "`): prefetchers, crawlers, link previews and cross-site requests trigger it");
    }
  }

  /**
   * A handler that every HTTP method reaches unless it checks: a Pages Router API route, a Vercel
   * function outside Next ({@code api/**}) and a Netlify function.
   */
  private static boolean answersEveryMethod(Handler handler) {
    return handler.kind() == Handler.Kind.PAGES_API
        || (handler.kind() == Handler.Kind.FUNCTION
            && handler.method().equals("*")
            && (handler.route().startsWith("/api") || handler.route().startsWith("/.netlify/")));
  }

  /**
   * Auth.js/NextAuth's catch-all route: the library decides what GET does (sessions, CSRF token,
   * provider list, callbacks) and sends sign-in mail on its own POST flow.
   */
  private static boolean frameworkOwned(Handler handler) {
    return handler.file().contains("[...nextauth]") || handler.file().contains("[...auth]");
  }

  /**
   * {@code prisma.user.update}, or for a chain the whole chain ({@code supabase.from("t").delete}).
   */
  private static String written(CallSite site) {
    var call = site.call();
    if (!call.callee().startsWith(".")) {
      return call.callee();
    }
    var head = CallKinds.chainHead(site.module(), call);
    return site.module().text(head.startToken(), call.startToken()) + call.member();
  }

  private static boolean sideEffect(CallSite site) {
    var call = site.call();
    if (CallKinds.isMailSend(call)) {
      return true;
    }
    return CallKinds.isDbWrite(site.module(), call)
        && !NonCritical.targetIsNonCritical(CallKinds.writeTarget(site.module(), call));
  }

  private static boolean checksMethod(Handlers h) {
    var m = h.module();
    var scope = m.scope(h.scope());
    for (int k = scope.startToken(); k <= scope.endToken() && k < m.tokens().size(); k++) {
      var tk = m.tokens().get(k);
      if (tk.isIdent("method") || tk.isIdent("httpMethod")) {
        var prev = JsQueries.tok(m, k - 1);
        var next = JsQueries.tok(m, k + 1);
        if ((prev != null && (prev.isPunct(".") || prev.isPunct("?.")))
            || (next != null && (next.isPunct("}") || next.isPunct(",")))) {
          return true;
        }
      }
    }
    return false;
  }
}
