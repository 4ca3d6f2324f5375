package com.architectreviewer.review.rules;

import com.architectreviewer.review.js.JsModule;
import com.architectreviewer.review.js.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Small token-level questions the rules of the rules half ask about a parsed module. */
final class JsQueries {

  private static final Set<String> STATEMENT_START =
      Set.of(
          "const",
          "let",
          "var",
          "return",
          "if",
          "for",
          "while",
          "try",
          "switch",
          "throw",
          "await",
          "export",
          "import",
          "function",
          "class",
          "do");

  private JsQueries() {}

  static Token tok(JsModule m, int i) {
    return i >= 0 && i < m.tokens().size() ? m.tokens().get(i) : null;
  }

  /** Index of the bracket matching the one at {@code open}, or the last token when unbalanced. */
  static int matching(JsModule m, int open) {
    return m.matching(open);
  }

  /**
   * Last token of the expression starting at {@code start} (stops at {@code ;}, a closing bracket
   * or a new statement).
   */
  static int expressionEnd(JsModule m, int start) {
    var t = m.tokens();
    int k = start;
    while (k < t.size()) {
      var tk = t.get(k);
      if (tk.isPunct("(") || tk.isPunct("[") || tk.isPunct("{")) {
        k = matching(m, k) + 1;
        continue;
      }
      if (tk.isPunct(";")
          || tk.isPunct(",")
          || tk.isPunct(")")
          || tk.isPunct("]")
          || tk.isPunct("}")
          || (k > start
              && tk.newlineBefore()
              && tk.isIdent()
              && STATEMENT_START.contains(tk.text())
              && !t.get(k - 1).isPunct("=")
              && !t.get(k - 1).isPunct("=>"))) {
        return k - 1;
      }
      k++;
    }
    return t.size() - 1;
  }

  /**
   * Names of the parameters of function scope {@code fn} (first-level identifiers, types skipped).
   */
  static List<String> paramNames(JsModule m, int fn) {
    var names = new ArrayList<String>();
    int body = m.scope(fn).startToken();
    int close = paramListClose(m, fn);
    if (close < 0) {
      // x => ... with a single bare parameter
      var arrow = tok(m, body - 1);
      var param = tok(m, body - 2);
      if (arrow != null && arrow.isPunct("=>") && param != null && param.isIdent()) {
        names.add(param.text());
      } else if (arrow != null && arrow.isPunct("{")) {
        var a2 = tok(m, body - 2);
        var p2 = tok(m, body - 3);
        if (a2 != null && a2.isPunct("=>") && p2 != null && p2.isIdent()) {
          names.add(p2.text());
        }
      }
      return names;
    }
    int open = openingParen(m, close);
    int depth = 0;
    boolean expectName = true;
    for (int k = open + 1; k < close; k++) {
      var tk = m.tokens().get(k);
      if (tk.isPunct("(") || tk.isPunct("{") || tk.isPunct("[") || tk.isPunct("<")) {
        if (depth == 0 && expectName && (tk.isPunct("{") || tk.isPunct("["))) {
          names.add("");
          expectName = false;
        }
        depth++;
      } else if (tk.isPunct(")") || tk.isPunct("}") || tk.isPunct("]") || tk.isPunct(">")) {
        depth--;
      } else if (depth == 0 && tk.isPunct(",")) {
        expectName = true;
      } else if (depth == 0 && expectName && tk.isIdent()) {
        names.add(tk.text());
        expectName = false;
      }
    }
    return names;
  }

  /** The {@code )} closing the parameter list of function {@code fn}, or -1 ({@code x => ...}). */
  private static int paramListClose(JsModule m, int fn) {
    int body = m.scope(fn).startToken();
    int close = -1;
    for (int k = body - 2; k >= Math.max(0, body - 80); k--) {
      var tk = m.tokens().get(k);
      if (tk.isPunct(")")) {
        int open = openingParen(m, k);
        if (open >= 0 && isParamList(m, open)) {
          close = k;
          break;
        }
      }
      if ((tk.isPunct("}") || tk.isPunct(">") || tk.isPunct("]")) && k < body - 1) {
        // a return type between the parameters and the body: (text: string): Promise<{ a?: T }> =>
        int opener = backwardOpener(m, k);
        if (opener >= 0) {
          k = opener;
          continue;
        }
      }
      if (tk.isPunct(";") || tk.isPunct("}")) {
        break;
      }
    }
    return close;
  }

  /** The opening bracket of the {@code }}, {@code ]} or {@code >} at {@code close}, or -1. */
  private static int backwardOpener(JsModule m, int close) {
    var closing = m.tokens().get(close).text();
    var opening = closing.equals("}") ? "{" : closing.equals("]") ? "[" : "<";
    int depth = 0;
    for (int k = close; k >= Math.max(0, close - 80); k--) {
      var tk = m.tokens().get(k);
      if (tk.isPunct(closing)) {
        depth++;
      } else if (tk.isPunct(opening) && --depth == 0) {
        return k; // (semicolons inside are a type literal's: { data?: T; error?: string })
      }
    }
    return -1;
  }

  private static boolean isParamList(JsModule m, int open) {
    var before = tok(m, open - 1);
    return before == null
        || before.isIdent()
        || before.isPunct("(")
        || before.isPunct(",")
        || before.isPunct("=")
        || before.isPunct(":")
        || before.isPunct(">");
  }

  private static int openingParen(JsModule m, int close) {
    int depth = 0;
    for (int k = close; k >= 0; k--) {
      var tk = m.tokens().get(k);
      if (tk.isPunct(")")) {
        depth++;
      } else if (tk.isPunct("(")) {
        if (--depth == 0) {
          return k;
        }
      }
    }
    return -1;
  }

  /**
   * True when token {@code at} lies inside the block of a {@code try} that is itself inside
   * function {@code fn}.
   */
  static boolean insideTry(JsModule m, int at, int fn) {
    var scope = m.scope(fn);
    for (int k = scope.startToken(); k < at && k <= scope.endToken(); k++) {
      var tk = m.tokens().get(k);
      if (tk.isIdent("try") && tok(m, k + 1) != null && tok(m, k + 1).isPunct("{")) {
        int end = matching(m, k + 1);
        if (at > k + 1 && at < end) {
          return true;
        }
      }
    }
    return false;
  }

  /** The call's arguments as a token range {first, last}, or null when it has none. */
  static int[] args(com.architectreviewer.review.js.Call call) {
    if (!call.hasArguments() || call.closeParen() < 0) {
      return null;
    }
    return new int[] {call.openParen() + 1, call.closeParen() - 1};
  }

  /**
   * True when an identifier token at {@code k} is a reference (not a property name or object key).
   */
  static boolean isReference(JsModule m, int k) {
    var prev = tok(m, k - 1);
    var next = tok(m, k + 1);
    if (prev != null && (prev.isPunct(".") || prev.isPunct("?."))) {
      return false;
    }
    return next == null || !next.isPunct(":") || (prev != null && prev.isPunct("?"));
  }

  /** Splits camelCase / snake_case identifiers into lowercase words. */
  static List<String> words(String identifier) {
    var words = new ArrayList<String>();
    var current = new StringBuilder();
    for (int i = 0; i < identifier.length(); i++) {
      char c = identifier.charAt(i);
      if (c == '_' || c == '-' || c == '$' || c == '.') {
        flush(words, current);
      } else if (Character.isUpperCase(c)
          && !current.isEmpty()
          && (Character.isLowerCase(identifier.charAt(i - 1))
              || (i + 1 < identifier.length()
                  && Character.isLowerCase(identifier.charAt(i + 1))))) {
        flush(words, current);
        current.append(Character.toLowerCase(c));
      } else {
        current.append(Character.toLowerCase(c));
      }
    }
    flush(words, current);
    return words;
  }

  private static void flush(List<String> words, StringBuilder current) {
    if (!current.isEmpty()) {
      words.add(current.toString());
      current.setLength(0);
    }
  }

  /** The call that function scope {@code fn} is passed to as an argument, if it is one. */
  static java.util.Optional<com.architectreviewer.review.js.Call> callReceiving(
      JsModule m, int fn) {
    int start = m.scope(fn).startToken();
    com.architectreviewer.review.js.Call best = null;
    for (var call : m.calls()) {
      if (call.openParen() >= 0
          && call.openParen() < start
          && start < call.closeParen()
          && (best == null || call.openParen() > best.openParen())) {
        best = call;
      }
    }
    if (best == null || m.enclosingFunction(m.scope(fn).parent()) != enclosing(m, best)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(best);
  }

  private static int enclosing(JsModule m, com.architectreviewer.review.js.Call call) {
    return m.enclosingFunction(call.scope());
  }

  /**
   * The names a destructured parameter at {@code index} of function {@code fn} binds ({@code ({
   * messages, model: m })} gives {@code messages, m}); empty when it is not a pattern.
   */
  static List<String> patternNames(JsModule m, int fn, int index) {
    var names = new ArrayList<String>();
    int close = paramListClose(m, fn);
    if (close < 0) {
      return names;
    }
    int open = openingParen(m, close);
    int param = 0;
    int depth = 0;
    boolean patternDone = false;
    for (int k = open + 1; k < close; k++) {
      var tk = m.tokens().get(k);
      if (tk.isPunct("(") || tk.isPunct("{") || tk.isPunct("[")) {
        depth++;
      } else if (tk.isPunct(")") || tk.isPunct("}") || tk.isPunct("]")) {
        depth--;
        patternDone |= depth == 0 && param == index; // the type annotation after it is not names
      } else if (depth == 0 && tk.isPunct(",")) {
        param++;
      } else if (param == index && depth == 1 && !patternDone && tk.isIdent()) {
        var next = tok(m, k + 1);
        if (next != null && (next.isPunct(",") || next.isPunct("}") || next.isPunct("="))) {
          names.add(tk.text());
        }
      }
    }
    return names;
  }
}
