package com.architectreviewer.review.rules;

import com.architectreviewer.review.js.JsModule;
import com.architectreviewer.review.js.TokenKind;
import com.architectreviewer.review.model.CallSite;
import com.architectreviewer.review.model.Handler;
import com.architectreviewer.review.model.ProjectModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether something limits the request rate on a handler's path: a limiter call the handler
 * reaches, a limiter middleware on its route (Express/Hono {@code use}, route middleware), or a
 * Next.js {@code middleware.ts} that limits and whose {@code config.matcher} covers the route.
 */
final class Limits {

  private Limits() {}

  /** What limits {@code handler}, described for messages, or empty when nothing does. */
  static Optional<String> on(ProjectModel model, Handler handler) {
    var reached = model.reaches(handler, site -> isLimiter(model, site));
    if (reached.isPresent()) {
      var last = reached.get().getLast();
      return Optional.of("`" + last.callee() + "` in `" + last.file() + "`");
    }
    var quota = quotaComparison(model, handler);
    if (quota.isPresent()) {
      return quota;
    }
    for (var text : handler.middleware()) {
      if (limiterWords(text)) {
        return Optional.of("route middleware `" + text + "`");
      }
    }
    var module = model.module(handler.file());
    if (module.isPresent() && handler.kind() == Handler.Kind.SERVER_ROUTE) {
      var mounted = mountedLimiter(model, module.get(), handler.line(), handler.route());
      if (mounted.isPresent()) {
        return mounted;
      }
      var mountedAbove = limiterWhereMounted(model, handler.file());
      if (mountedAbove.isPresent()) {
        return mountedAbove;
      }
    }
    var app = model.appOf(handler.file());
    for (var middleware : model.handlers()) {
      if (middleware.kind() != Handler.Kind.MIDDLEWARE || !app.contains(middleware.file())) {
        continue;
      }
      if (model.appOf(middleware.file()) != app) {
        continue;
      }
      var mm = model.module(middleware.file());
      if (mm.isEmpty() || !covers(matchers(mm.get()), handler.route())) {
        continue;
      }
      if (model.reaches(middleware, site -> isLimiter(model, site)).isPresent()) {
        return Optional.of("`" + middleware.file() + "`");
      }
    }
    return Optional.empty();
  }

  /** True when the call consumes a rate limit or checks a quota. */
  static boolean isLimiter(ProjectModel model, CallSite site) {
    var call = site.call();
    if (call.callee().startsWith(".")) {
      return false;
    }
    var words = JsQueries.words(call.callee());
    if (words.stream().anyMatch(QUOTA_WORDS::contains)) {
      return true;
    }
    if (!call.callee().contains(".")
        && words.size() > 1
        && (words.contains("limit") || words.contains("limits"))) {
      return true; // checkApiLimit(), enforceUsageLimit(userId), rateLimit(ip)
    }
    var pkg = Packages.of(model, site);
    boolean limiterPackage = CallKinds.LIMITER_PACKAGES.contains(pkg);
    if (!call.callee().contains(".")) {
      return limiterPackage && !call.isNew();
    }
    return CallKinds.LIMITER_MEMBERS.contains(call.member())
        && (limiterPackage
            || JsQueries.words(call.root()).stream().anyMatch(w -> w.contains("limit")));
  }

  /** Words of a call that checks or spends a per-user allowance. */
  private static final java.util.Set<String> QUOTA_WORDS =
      java.util.Set.of(
          "quota",
          "quotas",
          "ratelimit",
          "throttle",
          "credit",
          "credits",
          "entitlement",
          "entitlements",
          "allowance");

  /** Words of a name holding a per-user allowance ({@code maxMessagesPerDay}, {@code credits}). */
  private static final java.util.Set<String> ALLOWANCE_WORDS =
      java.util.Set.of(
          "max",
          "limit",
          "limits",
          "quota",
          "credit",
          "credits",
          "remaining",
          "allowance",
          "entitlement",
          "entitlements");

  /**
   * A per-user quota compared in the handler's own body before it goes on: {@code if (count >
   * entitlements.maxMessagesPerDay) return 429}, {@code if (user.credits < 1) ...}.
   */
  private static Optional<String> quotaComparison(ProjectModel model, Handler handler) {
    var module = model.module(handler.target().file());
    if (module.isEmpty()) {
      return Optional.empty();
    }
    var m = module.get();
    var scope = m.scope(handler.target().scope());
    var t = m.tokens();
    for (int k = scope.startToken(); k + 1 < scope.endToken() && k + 1 < t.size(); k++) {
      if (!t.get(k).isIdent("if") || !t.get(k + 1).isPunct("(")) {
        continue;
      }
      int close = JsQueries.matching(m, k + 1);
      boolean compares = false;
      boolean allowance = false;
      for (int j = k + 2; j < close; j++) {
        var tk = t.get(j);
        if (tk.isIdent("length")) {
          allowance = false; // an input size check, not a per-user allowance
          break;
        }
        compares |= tk.isPunct(">") || tk.isPunct(">=") || tk.isPunct("<") || tk.isPunct("<=");
        allowance |=
            tk.isIdent() && JsQueries.words(tk.text()).stream().anyMatch(ALLOWANCE_WORDS::contains);
      }
      if (compares && allowance) {
        return Optional.of("the quota check `" + m.text(k, close) + "`");
      }
    }
    return Optional.empty();
  }

  private static boolean limiterWords(String text) {
    var lower = text.toLowerCase(java.util.Locale.ROOT);
    return lower.contains("ratelimit")
        || lower.contains("limiter")
        || lower.contains("rate_limit")
        || lower.contains("throttle")
        || lower.contains("slowdown");
  }

  /**
   * A router module is mounted by the modules that import it ({@code app.use("/api", chatRouter)});
   * a limiter they mount before it covers its routes.
   */
  private static Optional<String> limiterWhereMounted(ProjectModel model, String routerFile) {
    var seen = new java.util.HashSet<String>();
    var queue = new java.util.ArrayDeque<String>(model.importers(routerFile));
    while (!queue.isEmpty() && seen.size() < 8) {
      var file = queue.poll();
      if (!seen.add(file)) {
        continue;
      }
      var importer = model.module(file);
      if (importer.isEmpty()) {
        continue;
      }
      var found = mountedLimiter(model, importer.get(), Integer.MAX_VALUE, "/");
      if (found.isPresent()) {
        return Optional.of(found.get() + " in `" + file + "`");
      }
      queue.addAll(model.importers(file));
    }
    return Optional.empty();
  }

  /**
   * An {@code app.use([path,] limiter)} before line {@code beforeLine}, with a path that covers
   * {@code route}.
   */
  private static Optional<String> mountedLimiter(
      ProjectModel model, JsModule m, int beforeLine, String route) {
    for (var call : m.calls()) {
      if (!call.member().equals("use") && !call.member().equals("register")) {
        continue;
      }
      if (call.line() > beforeLine || call.closeParen() < 0) {
        continue;
      }
      var first = JsQueries.tok(m, call.openParen() + 1);
      String prefix = "/";
      if (first != null && first.kind() == TokenKind.STRING) {
        prefix = first.text();
      }
      if (!prefix.equals("/") && !route.equals("/") && !pathPrefix(prefix, route)) {
        continue;
      }
      for (var inner : m.calls()) {
        if (inner.startToken() > call.openParen() && inner.startToken() < call.closeParen()) {
          var site = model.site(m, inner);
          if (site.fromPackage(CallKinds.LIMITER_PACKAGES.toArray(String[]::new))
              || limiterWords(inner.callee())) {
            return Optional.of("`" + m.text(call.startToken(), call.closeParen()) + "`");
          }
        }
      }
      for (int k = call.openParen() + 1; k < call.closeParen(); k++) {
        var tk = m.tokens().get(k);
        if (tk.isIdent() && JsQueries.isReference(m, k) && limiterWords(tk.text())) {
          return Optional.of("`" + m.text(call.startToken(), call.closeParen()) + "`");
        }
      }
    }
    return Optional.empty();
  }

  private static boolean pathPrefix(String prefix, String route) {
    var p = prefix.replaceAll("/?\\*$", "");
    return route.equals(p) || route.startsWith(p.endsWith("/") ? p : p + "/");
  }

  /**
   * The {@code config.matcher} patterns of a middleware module; empty list when it has none (runs
   * everywhere).
   */
  static List<String> matchers(JsModule m) {
    var t = m.tokens();
    var result = new ArrayList<String>();
    for (int k = 0; k + 2 < t.size(); k++) {
      if (!t.get(k).isIdent("matcher") || !t.get(k + 1).isPunct(":")) {
        continue;
      }
      var value = t.get(k + 2);
      if (value.kind() == TokenKind.STRING) {
        result.add(value.text());
      } else if (value.isPunct("[")) {
        int end = JsQueries.matching(m, k + 2);
        for (int j = k + 3; j < end; j++) {
          var tk = t.get(j);
          if (tk.kind() == TokenKind.STRING && (j == 0 || !t.get(j - 1).isIdent("has"))) {
            var prev = t.get(j - 1);
            var prev2 = JsQueries.tok(m, j - 2);
            boolean isSource =
                prev.isPunct("[")
                    || prev.isPunct(",")
                    || (prev.isPunct(":") && prev2 != null && prev2.isIdent("source"));
            if (isSource) {
              result.add(tk.text());
            }
          }
        }
      }
    }
    return result;
  }

  /**
   * True when one of Next.js {@code matchers} matches {@code route}; no matchers match everything.
   */
  static boolean covers(List<String> matchers, String route) {
    if (matchers.isEmpty()) {
      return true;
    }
    for (var matcher : matchers) {
      if (toRegex(matcher).matcher(route).matches()) {
        return true;
      }
    }
    return false;
  }

  /** A path-to-regexp style matcher ({@code /api/:path*}, {@code /((?!_next).*)}) as a regex. */
  static Pattern toRegex(String matcher) {
    var out = new StringBuilder();
    int i = 0;
    while (i < matcher.length()) {
      char c = matcher.charAt(i);
      if (c == '/' && i + 1 < matcher.length() && matcher.charAt(i + 1) == ':') {
        int j = i + 2;
        while (j < matcher.length()
            && (Character.isLetterOrDigit(matcher.charAt(j)) || matcher.charAt(j) == '_')) {
          j++;
        }
        char mod = j < matcher.length() ? matcher.charAt(j) : ' ';
        if (mod == '*') {
          out.append("(?:/[^/]+)*");
          j++;
        } else if (mod == '+') {
          out.append("(?:/[^/]+)+");
          j++;
        } else if (mod == '?') {
          out.append("(?:/[^/]+)?");
          j++;
        } else if (mod == '(') {
          int close = matcher.indexOf(')', j);
          out.append('/').append(matcher, j, close + 1);
          j = close + 1;
        } else {
          out.append("/[^/]+");
        }
        i = j;
      } else if (c == '(') {
        int depth = 0;
        int j = i;
        for (; j < matcher.length(); j++) {
          if (matcher.charAt(j) == '(') {
            depth++;
          } else if (matcher.charAt(j) == ')' && --depth == 0) {
            break;
          }
        }
        out.append(matcher, i, Math.min(j + 1, matcher.length()));
        i = j + 1;
      } else {
        out.append(Pattern.quote(String.valueOf(c)));
        i++;
      }
    }
    try {
      return Pattern.compile(out + "/?");
    } catch (java.util.regex.PatternSyntaxException e) {
      return Pattern.compile(".*");
    }
  }
}
