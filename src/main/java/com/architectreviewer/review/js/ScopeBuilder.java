package com.architectreviewer.review.js;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * One pass over the tokens that finds function, class and module scopes (by brackets, {@code
 * function}, {@code class}, {@code =>} and method heads) and records every call with its scope.
 */
final class ScopeBuilder {

  private static final Set<String> CONTROL =
      Set.of("if", "for", "while", "switch", "catch", "with", "return", "typeof", "await", "void");
  private static final Set<String> NOT_CALLEE =
      Set.of(
          "if",
          "for",
          "while",
          "switch",
          "catch",
          "with",
          "function",
          "return",
          "typeof",
          "await",
          "void",
          "in",
          "of",
          "instanceof",
          "delete",
          "throw",
          "case",
          "new",
          "else",
          "do",
          "super",
          "import",
          "yield");
  private static final Set<String> STATEMENT_START =
      Set.of(
          "export",
          "import",
          "const",
          "let",
          "var",
          "function",
          "class",
          "return",
          "if",
          "for",
          "while",
          "try",
          "switch",
          "throw",
          "type",
          "interface");

  private enum Kind {
    BLOCK,
    FUNCTION,
    CLASS,
    PAREN,
    BRACKET
  }

  private record Bracket(Kind kind, int token, int scope, int call) {}

  private record Pending(int depth, String name) {}

  private record ArrowExpr(int depth, int scope) {}

  private final List<Token> t;
  private final List<MutableScope> scopes = new ArrayList<>();
  private final List<Call> calls = new ArrayList<>();
  private final int[] scopeOf;
  private final Deque<Bracket> stack = new ArrayDeque<>();
  private final Deque<ArrowExpr> arrows = new ArrayDeque<>();
  private Pending pendingFunction;
  private Pending pendingClass;
  private boolean arrowBrace;
  private String arrowBraceName = "";
  private int lastOpenOfClosedParen = -1;
  private int lastClosedParenToken = -1;
  private boolean typeAnnotation;
  private int current;

  static final class MutableScope {
    final int id;
    final ScopeKind kind;
    final int parent;
    final int start;
    int end;
    final String name;

    MutableScope(int id, ScopeKind kind, int parent, int start, String name) {
      this.id = id;
      this.kind = kind;
      this.parent = parent;
      this.start = start;
      this.end = start;
      this.name = name;
    }

    Scope freeze() {
      return new Scope(id, kind, parent, start, end, name);
    }
  }

  record Result(List<Scope> scopes, List<Call> calls, int[] scopeOf) {}

  private ScopeBuilder(List<Token> tokens) {
    this.t = tokens;
    this.scopeOf = new int[tokens.size()];
    scopes.add(new MutableScope(0, ScopeKind.MODULE, -1, 0, ""));
    scopes.get(0).end = Math.max(0, tokens.size() - 1);
  }

  static Result build(List<Token> tokens) {
    var builder = new ScopeBuilder(tokens);
    builder.run();
    var frozen = new ArrayList<Scope>(builder.scopes.size());
    for (var scope : builder.scopes) {
      frozen.add(scope.freeze());
    }
    return new Result(frozen, builder.calls, builder.scopeOf);
  }

  private void run() {
    for (int i = 0; i < t.size(); i++) {
      var tok = t.get(i);
      closeArrows(i, tok);
      scopeOf[i] = current;
      if (tok.kind() == TokenKind.IDENT) {
        ident(i, tok);
      } else if (tok.kind() == TokenKind.PUNCT) {
        punct(i, tok);
      }
    }
    while (!arrows.isEmpty()) {
      closeScope(arrows.pop().scope(), t.size() - 1);
    }
  }

  private void ident(int i, Token tok) {
    var prev = i > 0 ? t.get(i - 1) : null;
    boolean member = prev != null && (prev.isPunct(".") || prev.isPunct("?."));
    if (member) {
      return;
    }
    switch (tok.text()) {
      case "function" -> {
        var next = i + 1 < t.size() ? t.get(i + 1) : null;
        if (next != null && next.isPunct("*")) {
          next = i + 2 < t.size() ? t.get(i + 2) : null;
        }
        var name = next != null && next.isIdent() ? next.text() : inferName(i);
        pendingFunction = new Pending(stack.size(), name);
      }
      case "class" -> {
        var next = i + 1 < t.size() ? t.get(i + 1) : null;
        pendingClass = new Pending(stack.size(), next != null && next.isIdent() ? next.text() : "");
      }
      case "new" -> {
        if (i + 1 < t.size() && t.get(i + 1).isIdent() && !hasParenAfterPath(i + 1)) {
          recordCall(i + 1, -1);
        }
      }
      case "const", "let", "var" -> {
        if (i + 2 < t.size() && t.get(i + 1).isIdent() && t.get(i + 2).isPunct(":")) {
          typeAnnotation = true;
        }
      }
      default -> {}
    }
  }

  private void punct(int i, Token tok) {
    switch (tok.text()) {
      case "(" -> {
        int call = i > 0 ? maybeCall(i) : -1;
        stack.push(new Bracket(Kind.PAREN, i, -1, call));
      }
      case "[" -> stack.push(new Bracket(Kind.BRACKET, i, -1, -1));
      case ")", "]" -> closeParen(i);
      case "{" -> openBrace(i);
      case "}" -> closeBrace(i);
      case "=>" -> arrow(i);
      case "=" -> typeAnnotation = false;
      case ":" -> methodReturnType(i);
      case ";" -> {
        typeAnnotation = false;
        if (pendingFunction != null && pendingFunction.depth() == stack.size()) {
          pendingFunction = null; // overload signature or declare function
        }
      }
      default -> {}
    }
  }

  private void closeParen(int i) {
    while (!stack.isEmpty()) {
      var top = stack.pop();
      if (top.kind() == Kind.PAREN || top.kind() == Kind.BRACKET) {
        if (top.call() >= 0) {
          var c = calls.get(top.call());
          calls.set(
              top.call(),
              new Call(
                  c.callee(),
                  c.isNew(),
                  c.awaited(),
                  c.startToken(),
                  c.openParen(),
                  i,
                  c.scope(),
                  c.line(),
                  c.col()));
        }
        lastOpenOfClosedParen = top.token();
        lastClosedParenToken = i;
        return;
      }
      if (top.scope() >= 0) {
        closeScope(top.scope(), i - 1); // unbalanced: close what was open
      }
    }
  }

  private void openBrace(int i) {
    Kind kind = Kind.BLOCK;
    String name = "";
    if (arrowBrace) {
      kind = Kind.FUNCTION;
      name = arrowBraceName;
      arrowBrace = false;
    } else if (pendingFunction != null && pendingFunction.depth() == stack.size()) {
      kind = Kind.FUNCTION;
      name = pendingFunction.name();
      pendingFunction = null;
    } else if (pendingClass != null && pendingClass.depth() == stack.size()) {
      kind = Kind.CLASS;
      name = pendingClass.name();
      pendingClass = null;
    } else if (lastClosedParenToken == i - 1 && lastOpenOfClosedParen > 0) {
      var head = t.get(lastOpenOfClosedParen - 1);
      if (head.isIdent() && !CONTROL.contains(head.text())) {
        kind = Kind.FUNCTION;
        name = head.text();
        dropCallAt(lastOpenOfClosedParen);
      }
    }
    int scope = -1;
    if (kind == Kind.FUNCTION || kind == Kind.CLASS) {
      scope = openScope(kind == Kind.FUNCTION ? ScopeKind.FUNCTION : ScopeKind.CLASS, i + 1, name);
    }
    stack.push(new Bracket(kind, i, scope, -1));
  }

  private void closeBrace(int i) {
    while (!stack.isEmpty()) {
      var top = stack.pop();
      if (top.scope() >= 0) {
        closeScope(top.scope(), i - 1);
      }
      if (top.kind() != Kind.PAREN && top.kind() != Kind.BRACKET) {
        return;
      }
    }
  }

  private void arrow(int i) {
    if (typeAnnotation) {
      return;
    }
    var name = inferArrowName(i);
    if (i + 1 < t.size() && t.get(i + 1).isPunct("{")) {
      arrowBrace = true;
      arrowBraceName = name;
    } else {
      int scope = openScope(ScopeKind.FUNCTION, i + 1, name);
      arrows.push(new ArrowExpr(stack.size(), scope));
    }
  }

  private void methodReturnType(int i) {
    if (lastClosedParenToken != i - 1 || lastOpenOfClosedParen <= 0) {
      return;
    }
    var top = stack.peek();
    if (top == null || (top.kind() != Kind.CLASS && top.kind() != Kind.BLOCK)) {
      return;
    }
    var head = t.get(lastOpenOfClosedParen - 1);
    if (head.isIdent()
        && !CONTROL.contains(head.text())
        && pendingFunction == null
        && startsMember(lastOpenOfClosedParen - 1)) {
      dropCallAt(lastOpenOfClosedParen);
      pendingFunction = new Pending(stack.size(), head.text());
    }
  }

  private static final Set<String> MEMBER_MODIFIERS =
      Set.of(
          "async",
          "static",
          "get",
          "set",
          "public",
          "private",
          "protected",
          "override",
          "readonly",
          "abstract",
          "declare");

  /**
   * True when the name at {@code head} can start a method ({@code foo(): T {}}): after a brace, a
   * semicolon, a comma, a modifier or a line break. In {@code cond ? make(x) : y} it follows {@code
   * ?} or {@code new} and the colon is the conditional's, so {@code make(x)} stays a call.
   */
  private boolean startsMember(int head) {
    if (head == 0 || t.get(head).newlineBefore()) {
      return true;
    }
    var before = t.get(head - 1);
    return before.isPunct("{")
        || before.isPunct("}")
        || before.isPunct(";")
        || before.isPunct(",")
        || before.isPunct("*")
        || (before.isIdent() && MEMBER_MODIFIERS.contains(before.text()));
  }

  private void closeArrows(int i, Token tok) {
    while (!arrows.isEmpty()) {
      var top = arrows.peek();
      boolean atDepth = stack.size() == top.depth();
      boolean ends =
          stack.size() < top.depth()
              || (atDepth
                  && (tok.isPunct(",")
                      || tok.isPunct(";")
                      || tok.isPunct(")")
                      || tok.isPunct("]")
                      || tok.isPunct("}")
                      || (tok.newlineBefore()
                          && tok.isIdent()
                          && STATEMENT_START.contains(tok.text()))));
      if (!ends) {
        return;
      }
      arrows.pop();
      closeScope(top.scope(), i - 1);
    }
  }

  private int openScope(ScopeKind kind, int start, String name) {
    var scope = new MutableScope(scopes.size(), kind, current, start, name);
    scopes.add(scope);
    current = scope.id;
    return scope.id;
  }

  private void closeScope(int id, int end) {
    var scope = scopes.get(id);
    scope.end = Math.max(scope.start - 1, end);
    if (current == id) {
      current = scope.parent;
    }
  }

  private int maybeCall(int open) {
    var prev = t.get(open - 1);
    boolean member = open >= 2 && (t.get(open - 2).isPunct(".") || t.get(open - 2).isPunct("?."));
    // a keyword is a method name after a dot: prisma.user.delete(...), promise.catch(...)
    if (!prev.isIdent() || (!member && NOT_CALLEE.contains(prev.text()))) {
      return -1;
    }
    if (open >= 2 && t.get(open - 2).isIdent("function")) {
      return -1;
    }
    return recordCall(pathStart(open - 1), open);
  }

  private int pathStart(int last) {
    int k = last;
    while (k >= 2
        && (t.get(k - 1).isPunct(".") || t.get(k - 1).isPunct("?."))
        && t.get(k - 2).isIdent()) {
      k -= 2;
    }
    return k;
  }

  private boolean hasParenAfterPath(int first) {
    int k = first;
    while (k + 2 < t.size()
        && (t.get(k + 1).isPunct(".") || t.get(k + 1).isPunct("?."))
        && t.get(k + 2).isIdent()) {
      k += 2;
    }
    return k + 1 < t.size() && t.get(k + 1).isPunct("(");
  }

  private int recordCall(int start, int open) {
    var callee = new StringBuilder();
    if (start > 0 && t.get(start - 1).isPunct(".")) {
      callee.append('.');
    }
    int end = open >= 0 ? open - 1 : start;
    if (open < 0) {
      while (end + 2 < t.size() && t.get(end + 1).isPunct(".") && t.get(end + 2).isIdent()) {
        end += 2;
      }
    }
    for (int k = start; k <= end; k++) {
      var tok = t.get(k);
      callee.append(tok.isPunct("?.") ? "." : tok.text());
    }
    int before = start - 1;
    boolean isNew = before >= 0 && t.get(before).isIdent("new");
    if (isNew) {
      before--;
    }
    boolean awaited = before >= 0 && t.get(before).isIdent("await");
    var first = t.get(start);
    calls.add(
        new Call(
            callee.toString(),
            isNew,
            awaited,
            start,
            open,
            -1,
            current,
            first.line(),
            first.col()));
    return calls.size() - 1;
  }

  private void dropCallAt(int open) {
    for (int k = calls.size() - 1; k >= 0; k--) {
      if (calls.get(k).openParen() == open) {
        calls.remove(k);
        // later brackets refer to calls by index: mark instead of shifting
        calls.add(k, new Call("", false, false, -1, -1, -1, current, 0, 0));
        return;
      }
    }
  }

  private String inferName(int functionToken) {
    int k = functionToken - 1;
    if (k >= 0 && t.get(k).isIdent("async")) {
      k--;
    }
    return nameBefore(k);
  }

  private String inferArrowName(int arrow) {
    int k = arrow - 1;
    if (k >= 0 && t.get(k).isPunct(")")) {
      int depth = 0;
      for (; k >= 0; k--) {
        if (t.get(k).isPunct(")")) {
          depth++;
        } else if (t.get(k).isPunct("(") && --depth == 0) {
          break;
        }
      }
    }
    k--;
    if (k >= 0 && t.get(k).isIdent("async")) {
      k--;
    }
    return nameBefore(k);
  }

  private String nameBefore(int k) {
    if (k >= 1
        && (t.get(k).isPunct("=") || t.get(k).isPunct(":"))
        && (t.get(k - 1).isIdent() || t.get(k - 1).kind() == TokenKind.STRING)) {
      return t.get(k - 1).text();
    }
    return "";
  }
}
