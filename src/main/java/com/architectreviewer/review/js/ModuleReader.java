package com.architectreviewer.review.js;

import com.architectreviewer.review.js.Import.ImportBinding;
import com.architectreviewer.review.js.Import.ImportKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads imports, exports, declarations and directives from tokens whose scopes are known. */
final class ModuleReader {

  private static final Set<String> STATEMENT_START =
      Set.of(
          "export",
          "import",
          "const",
          "let",
          "var",
          "function",
          "class",
          "if",
          "for",
          "while",
          "try",
          "switch",
          "throw",
          "type",
          "interface",
          "return");

  private final List<Token> t;
  private final List<Scope> scopes;
  private final int[] scopeOf;
  final List<Import> imports = new ArrayList<>();
  final List<Declaration> declarations = new ArrayList<>();
  final Map<String, Export> exports = new LinkedHashMap<>();
  final List<String> directives = new ArrayList<>();

  ModuleReader(List<Token> tokens, List<Scope> scopes, int[] scopeOf) {
    this.t = tokens;
    this.scopes = scopes;
    this.scopeOf = scopeOf;
  }

  void read() {
    readDirectives();
    int depth = 0;
    for (int i = 0; i < t.size(); i++) {
      var tok = t.get(i);
      if (tok.kind() == TokenKind.PUNCT) {
        switch (tok.text()) {
          case "{", "(", "[" -> depth++;
          case "}", ")", "]" -> depth = Math.max(0, depth - 1);
          default -> {}
        }
        continue;
      }
      if (tok.kind() != TokenKind.IDENT || isMember(i)) {
        continue;
      }
      boolean top = depth == 0 && scopeOf[i] == 0;
      switch (tok.text()) {
        case "import" -> importAt(i, top);
        case "require" -> requireAt(i);
        case "const", "let", "var" -> declarators(i);
        case "function", "class" -> namedDeclaration(i);
        case "export" -> {
          if (top) {
            exportAt(i);
          }
        }
        case "module", "exports" -> {
          if (top) {
            commonJsExport(i);
          }
        }
        default -> {}
      }
    }
  }

  private boolean isMember(int i) {
    return i > 0 && (t.get(i - 1).isPunct(".") || t.get(i - 1).isPunct("?."));
  }

  private void readDirectives() {
    for (int i = 0; i < t.size() && t.get(i).kind() == TokenKind.STRING; i++) {
      directives.add(t.get(i).text());
      if (i + 1 < t.size() && t.get(i + 1).isPunct(";")) {
        i++;
      }
    }
  }

  private void importAt(int i, boolean top) {
    var next = tok(i + 1);
    if (next != null && next.isPunct("(")) {
      var spec = tok(i + 2);
      if (spec != null && spec.kind() == TokenKind.STRING) {
        imports.add(new Import(spec.text(), ImportKind.DYNAMIC, bindingFor(i), i, t.get(i).line()));
      }
      return;
    }
    if (!top || (next != null && next.isPunct("."))) {
      return;
    }
    var bindings = new ArrayList<ImportBinding>();
    int k = i + 1;
    if (tok(k) != null && tok(k).isIdent("type") && tok(k + 1) != null && !tok(k + 1).is(",")) {
      k++;
    }
    for (; k < t.size(); k++) {
      var tk = t.get(k);
      if (tk.kind() == TokenKind.STRING) {
        imports.add(new Import(tk.text(), ImportKind.ESM, bindings, i, t.get(i).line()));
        return;
      }
      if (tk.isPunct(";") || (tk.newlineBefore() && STATEMENT_START.contains(tk.text()))) {
        return;
      }
      if (tk.isPunct("*") && tok(k + 1) != null && tok(k + 1).isIdent("as")) {
        bindings.add(new ImportBinding("*", tok(k + 2).text()));
        k += 2;
      } else if (tk.isPunct("{")) {
        k = namedList(k, bindings, false);
      } else if (tk.isIdent() && !tk.text().equals("from") && !tk.text().equals("type")) {
        bindings.add(new ImportBinding("default", tk.text()));
      }
    }
  }

  /** Reads {@code { a, b as c, type d }} starting at {@code {}; returns the index of {@code }}. */
  private int namedList(int open, List<ImportBinding> bindings, boolean exportSide) {
    int k = open + 1;
    while (k < t.size() && !t.get(k).isPunct("}")) {
      var tk = t.get(k);
      if (tk.isIdent("type") && tok(k + 1) != null && tok(k + 1).isIdent()) {
        k++;
        continue;
      }
      if (tk.isIdent() || tk.kind() == TokenKind.STRING) {
        var name = tk.text();
        var local = name;
        if (tok(k + 1) != null && tok(k + 1).isIdent("as") && tok(k + 2) != null) {
          local = tok(k + 2).text();
          k += 2;
        }
        bindings.add(exportSide ? new ImportBinding(name, local) : new ImportBinding(name, local));
      }
      k++;
    }
    return k;
  }

  private void requireAt(int i) {
    var open = tok(i + 1);
    var spec = tok(i + 2);
    var close = tok(i + 3);
    if (open == null || !open.isPunct("(") || spec == null || spec.kind() != TokenKind.STRING) {
      return;
    }
    if (close == null || !close.isPunct(")")) {
      return;
    }
    imports.add(new Import(spec.text(), ImportKind.COMMONJS, bindingFor(i), i, t.get(i).line()));
  }

  /** Bindings of {@code const x = require(..)}, {@code const {a} = await import(..)}. */
  private List<ImportBinding> bindingFor(int callToken) {
    int k = callToken - 1;
    if (k >= 0 && t.get(k).isIdent("await")) {
      k--;
    }
    if (k < 1 || !t.get(k).isPunct("=")) {
      return List.of();
    }
    var target = t.get(k - 1);
    if (target.isIdent()) {
      return List.of(new ImportBinding("*", target.text()));
    }
    if (target.isPunct("}")) {
      int open = k - 1;
      while (open > 0 && !t.get(open).isPunct("{")) {
        open--;
      }
      var bindings = new ArrayList<ImportBinding>();
      for (int j = open + 1; j < k - 1; j++) {
        var tk = t.get(j);
        if (!tk.isIdent()) {
          continue;
        }
        if (tok(j + 1) != null && tok(j + 1).isPunct(":") && tok(j + 2) != null) {
          bindings.add(new ImportBinding(tk.text(), tok(j + 2).text()));
          j += 2;
        } else {
          bindings.add(new ImportBinding(tk.text(), tk.text()));
        }
      }
      return bindings;
    }
    return List.of();
  }

  private void declarators(int i) {
    int k = i + 1;
    while (k < t.size()) {
      var name = t.get(k);
      if (name.isPunct("{") || name.isPunct("[")) {
        int end = matching(k);
        for (int j = k + 1; j < end; j++) {
          var tk = t.get(j);
          var after = tok(j + 1);
          if (tk.isIdent() && after != null && (after.is(",") || after.is("}") || after.is("]"))) {
            declarations.add(
                new Declaration(tk.text(), t.get(i).text(), j, scopeOf[i], -1, -1, -1));
          }
        }
        k = end + 1;
        if (tok(k) != null && tok(k).isPunct("=")) {
          k = initEnd(k + 1) + 1;
        }
      } else if (name.isIdent()) {
        int nameIndex = k;
        k++;
        if (tok(k) != null && tok(k).isPunct(":")) {
          while (k < t.size() && !t.get(k).isPunct("=") && !t.get(k).isPunct(";")) {
            k = t.get(k).isPunct("{") || t.get(k).isPunct("(") ? matching(k) + 1 : k + 1;
            if (k < t.size() && t.get(k).newlineBefore() && !t.get(k).isPunct("=")) {
              break;
            }
          }
        }
        int initStart = -1;
        int initEnd = -1;
        if (tok(k) != null && tok(k).isPunct("=")) {
          initStart = k + 1;
          initEnd = initEnd(initStart);
          k = initEnd + 1;
        }
        int fn = initStart < 0 ? -1 : functionIn(initStart, initEnd, scopeOf[i]);
        declarations.add(
            new Declaration(
                name.text(), t.get(i).text(), nameIndex, scopeOf[i], initStart, initEnd, fn));
      } else {
        return;
      }
      if (tok(k) != null && tok(k).isPunct(",")) {
        k++;
      } else {
        return;
      }
    }
  }

  private void namedDeclaration(int i) {
    var prev = i > 0 ? t.get(i - 1) : null;
    if (prev != null && (prev.is("=") || prev.is("(") || prev.is(",") || prev.is(":"))) {
      return;
    }
    int k = i + 1;
    if (tok(k) != null && tok(k).isPunct("*")) {
      k++;
    }
    var name = tok(k);
    if (name == null || !name.isIdent()) {
      return;
    }
    int fn = t.get(i).text().equals("function") ? firstScopeAfter(k, ScopeKind.FUNCTION) : -1;
    declarations.add(new Declaration(name.text(), t.get(i).text(), k, scopeOf[i], -1, -1, fn));
  }

  private void exportAt(int i) {
    var next = tok(i + 1);
    if (next == null) {
      return;
    }
    if (next.isIdent("default")) {
      exportDefault(i, i + 2);
    } else if (next.isPunct("{") || next.isPunct("*")) {
      exportList(i);
    } else {
      int k = i + 1;
      if (tok(k).isIdent("async")) {
        k++;
      }
      var kw = tok(k);
      if (kw == null) {
        return;
      }
      if (kw.isIdent("function") || kw.isIdent("class")) {
        int nameAt = tok(k + 1) != null && tok(k + 1).isPunct("*") ? k + 2 : k + 1;
        var name = tok(nameAt);
        if (name != null && name.isIdent()) {
          int fn = kw.isIdent("function") ? firstScopeAfter(nameAt, ScopeKind.FUNCTION) : -1;
          exports.put(name.text(), new Export(name.text(), name.text(), i, fn));
        }
      } else if (kw.isIdent("const") || kw.isIdent("let") || kw.isIdent("var")) {
        // declarators() records them; link after all declarations are read
        pendingExportedDeclarations.add(k);
      }
    }
  }

  final List<Integer> pendingExportedDeclarations = new ArrayList<>();

  /** Links {@code export const A = ...} to the declarations read at the same keyword. */
  void linkExportedDeclarations() {
    for (int keyword : pendingExportedDeclarations) {
      int end = initEndOfStatement(keyword);
      for (var d : declarations) {
        if (d.token() > keyword && d.token() <= end && d.scope() == 0) {
          exports.put(d.name(), new Export(d.name(), d.name(), keyword - 1, d.functionScope()));
        }
      }
    }
  }

  private int initEndOfStatement(int keyword) {
    int k = keyword + 1;
    int depth = 0;
    for (; k < t.size(); k++) {
      var tk = t.get(k);
      if (tk.isPunct("{") || tk.isPunct("(") || tk.isPunct("[")) {
        depth++;
      } else if (tk.isPunct("}") || tk.isPunct(")") || tk.isPunct("]")) {
        depth--;
      } else if (depth == 0
          && (tk.isPunct(";")
              || (tk.newlineBefore() && tk.isIdent() && STATEMENT_START.contains(tk.text())))) {
        return k;
      }
    }
    return k;
  }

  private void exportDefault(int exportToken, int k) {
    var first = tok(k);
    if (first == null) {
      return;
    }
    int end = initEnd(k);
    int fn = functionIn(k, end, 0);
    String local = "";
    if (first.isIdent() && end == k) {
      local = first.text();
    } else if (first.isIdent("function") || first.isIdent("class") || first.isIdent("async")) {
      int nameAt = first.isIdent("async") ? k + 2 : k + 1;
      if (tok(nameAt) != null && tok(nameAt).isIdent()) {
        local = tok(nameAt).text();
      }
      fn = firstScopeAfter(k, ScopeKind.FUNCTION);
    } else if (fn < 0) {
      local = lastIdentifierArgument(k, end);
    }
    exports.put("default", new Export("default", local, exportToken, fn));
  }

  /** {@code withAuth(handler)} exports {@code handler}. */
  private String lastIdentifierArgument(int from, int to) {
    for (int j = to; j > from; j--) {
      var tk = t.get(j);
      if (tk.isIdent() && (tok(j + 1) != null && (tok(j + 1).is(")") || tok(j + 1).is(",")))) {
        return tk.text();
      }
    }
    return "";
  }

  private void exportList(int i) {
    var next = t.get(i + 1);
    var bindings = new ArrayList<ImportBinding>();
    int k;
    if (next.isPunct("*")) {
      k = i + 2;
      if (tok(k) != null && tok(k).isIdent("as")) {
        bindings.add(new ImportBinding("*", tok(k + 1).text()));
        k += 2;
      } else {
        bindings.add(new ImportBinding("*", "*"));
      }
    } else {
      k = namedList(i + 1, bindings, true) + 1;
    }
    var from = tok(k);
    if (from != null && from.isIdent("from") && tok(k + 1) != null && tok(k + 1).isString()) {
      imports.add(new Import(tok(k + 1).text(), ImportKind.REEXPORT, bindings, i, t.get(i).line()));
      for (var b : bindings) {
        if (!b.local().equals("*")) {
          exports.put(b.local(), new Export(b.local(), "", i, -1));
        }
      }
      return;
    }
    for (var b : bindings) {
      exports.put(b.local(), new Export(b.local(), b.imported(), i, -1));
    }
  }

  private void commonJsExport(int i) {
    int k = i;
    String name;
    if (t.get(i).isIdent("module")) {
      if (!is(k + 1, ".") || !isIdent(k + 2, "exports")) {
        return;
      }
      k += 2;
    }
    if (is(k + 1, "=") && !is(k + 2, "=")) {
      name = "default";
      k += 2;
    } else if (is(k + 1, ".") && tok(k + 2) != null && tok(k + 2).isIdent() && is(k + 3, "=")) {
      name = tok(k + 2).text();
      k += 4;
    } else {
      return;
    }
    int end = initEnd(k);
    int fn = functionIn(k, end, 0);
    var first = tok(k);
    String local = first != null && first.isIdent() && end == k ? first.text() : "";
    if (name.equals("default") && first != null && first.isPunct("{")) {
      for (int j = k + 1; j < end; j++) {
        var tk = t.get(j);
        if (tk.isIdent() && (is(j + 1, ",") || is(j + 1, "}"))) {
          exports.put(tk.text(), new Export(tk.text(), tk.text(), i, -1));
        }
      }
    }
    exports.put(name, new Export(name, local, i, fn));
  }

  private boolean is(int k, String text) {
    var tk = tok(k);
    return tk != null && tk.is(text);
  }

  private boolean isIdent(int k, String text) {
    var tk = tok(k);
    return tk != null && tk.isIdent(text);
  }

  private Token tok(int k) {
    return k >= 0 && k < t.size() ? t.get(k) : null;
  }

  private int matching(int open) {
    int depth = 0;
    for (int k = open; k < t.size(); k++) {
      var tk = t.get(k);
      if (tk.isPunct("{") || tk.isPunct("(") || tk.isPunct("[")) {
        depth++;
      } else if ((tk.isPunct("}") || tk.isPunct(")") || tk.isPunct("]")) && --depth == 0) {
        return k;
      }
    }
    return t.size() - 1;
  }

  /** Last token of an expression starting at {@code from}. */
  int initEnd(int from) {
    int depth = 0;
    for (int k = from; k < t.size(); k++) {
      var tk = t.get(k);
      if (tk.isPunct("{") || tk.isPunct("(") || tk.isPunct("[")) {
        depth++;
      } else if (tk.isPunct("}") || tk.isPunct(")") || tk.isPunct("]")) {
        if (depth == 0) {
          return k - 1;
        }
        depth--;
      } else if (depth == 0 && (tk.isPunct(",") || tk.isPunct(";"))) {
        return k - 1;
      } else if (depth == 0
          && k > from
          && tk.newlineBefore()
          && tk.isIdent()
          && STATEMENT_START.contains(tk.text())) {
        return k - 1;
      }
    }
    return t.size() - 1;
  }

  private int functionIn(int from, int to, int parent) {
    for (var scope : scopes) {
      if (scope.kind() == ScopeKind.FUNCTION
          && scope.parent() == parent
          && scope.startToken() >= from
          && scope.startToken() <= to + 1) {
        return scope.id();
      }
    }
    return -1;
  }

  private int firstScopeAfter(int token, ScopeKind kind) {
    for (var scope : scopes) {
      if (scope.kind() == kind && scope.startToken() > token) {
        return scope.id();
      }
    }
    return -1;
  }
}
