package com.architectreviewer.review.js;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed JS/TS file: tokens, scopes, calls, imports, exports, declarations, directives. Built by
 * {@link #parse}; immutable afterwards and safe to share between threads.
 */
public final class JsModule {

  private final String file;
  private final String source;
  private final List<Token> tokens;
  private final List<Scope> scopes;
  private final List<Call> calls;
  private final int[] scopeOf;
  private final List<Import> imports;
  private final List<Declaration> declarations;
  private final Map<String, Export> exports;
  private final List<String> directives;

  private JsModule(String file, String source, List<Token> tokens, ScopeBuilder.Result scopes) {
    this.file = file;
    this.source = source;
    this.scopes = scopes.scopes();
    this.calls = scopes.calls().stream().filter(c -> !c.callee().isEmpty()).toList();
    this.scopeOf = scopes.scopeOf();
    var reader = new ModuleReader(tokens, this.scopes, scopeOf);
    reader.read();
    reader.linkExportedDeclarations();
    this.imports = List.copyOf(reader.imports);
    this.declarations = List.copyOf(reader.declarations);
    this.exports = Map.copyOf(reader.exports);
    this.directives = List.copyOf(reader.directives);
    this.tokens = new TokenArray(tokens);
  }

  /**
   * Parses {@code source}.
   *
   * @param file path relative to the scanned root (its extension decides JSX handling)
   */
  public static JsModule parse(String file, String source) {
    boolean jsx = !(file.endsWith(".ts") || file.endsWith(".mts") || file.endsWith(".cts"));
    var tokens = Lexer.lex(source, jsx);
    return new JsModule(file, source, tokens, ScopeBuilder.build(tokens));
  }

  public String file() {
    return file;
  }

  public String source() {
    return source;
  }

  public List<Token> tokens() {
    return tokens;
  }

  /** Scopes; index 0 is the module scope. */
  public List<Scope> scopes() {
    return scopes;
  }

  public Scope scope(int id) {
    return scopes.get(id);
  }

  public List<Call> calls() {
    return calls;
  }

  public List<Import> imports() {
    return imports;
  }

  public List<Declaration> declarations() {
    return declarations;
  }

  /** Exports by exported name ({@code default} for the default export). */
  public Map<String, Export> exports() {
    return exports;
  }

  /** Leading string directives ({@code use server}, {@code use client}, {@code use strict}). */
  public List<String> directives() {
    return directives;
  }

  public boolean hasDirective(String directive) {
    return directives.contains(directive);
  }

  /** The innermost scope of token {@code index}. */
  public int scopeOf(int index) {
    return scopeOf[index];
  }

  /** True when {@code scope} is {@code ancestor} or nested inside it. */
  public boolean isWithin(int scope, int ancestor) {
    for (int s = scope; s >= 0; s = scopes.get(s).parent()) {
      if (s == ancestor) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code scope} is module-level code (not inside any function; class bodies count). */
  public boolean isModuleLevel(int scope) {
    for (int s = scope; s >= 0; s = scopes.get(s).parent()) {
      if (scopes.get(s).kind() == ScopeKind.FUNCTION) {
        return false;
      }
    }
    return true;
  }

  /** The innermost function scope enclosing {@code scope}, or -1 at module level. */
  public int enclosingFunction(int scope) {
    for (int s = scope; s >= 0; s = scopes.get(s).parent()) {
      if (scopes.get(s).kind() == ScopeKind.FUNCTION) {
        return s;
      }
    }
    return -1;
  }

  /** Calls whose scope is {@code scope} or nested inside it. */
  public List<Call> callsWithin(int scope) {
    var result = new ArrayList<Call>();
    for (var call : calls) {
      if (isWithin(call.scope(), scope)) {
        result.add(call);
      }
    }
    return result;
  }

  /** A function declared in scope {@code scope} (e.g. {@code "use server"} inside its body). */
  public boolean functionHasDirective(int scope, String directive) {
    var s = scopes.get(scope);
    return s.startToken() < tokens.size()
        && tokens.get(s.startToken()).kind() == TokenKind.STRING
        && tokens.get(s.startToken()).text().equals(directive);
  }

  /** The module-level declaration named {@code name}. */
  public Optional<Declaration> moduleDeclaration(String name) {
    for (var d : declarations) {
      if (d.scope() == 0 && d.name().equals(name)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /**
   * The declaration {@code name} refers to when used at token {@code at}: the nearest enclosing
   * scope's declaration, else the module's.
   */
  public Optional<Declaration> resolve(String name, int at) {
    Declaration best = null;
    int scope = at >= 0 && at < scopeOf.length ? scopeOf[at] : 0;
    for (var d : declarations) {
      if (d.name().equals(name) && isWithin(scope, d.scope())) {
        if (best == null || isWithin(d.scope(), best.scope())) {
          best = d;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** The import that binds local name {@code name}, if any. */
  public Optional<ImportedName> importOf(String name) {
    for (var imp : imports) {
      if (imp.kind() == Import.ImportKind.REEXPORT) {
        continue;
      }
      for (var b : imp.bindings()) {
        if (b.local().equals(name)) {
          return Optional.of(new ImportedName(imp, b.imported()));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * An imported local name.
   *
   * @param from the import
   * @param imported the exported name it refers to ({@code default}, {@code *} or a name)
   */
  public record ImportedName(Import from, String imported) {}

  /** The text of 1-based line {@code line} (without the line break). */
  public String lineText(int line) {
    return Lines.line(source, line);
  }

  /** The source text from token {@code from} to token {@code to} inclusive. */
  public String text(int from, int to) {
    if (from < 0 || to < from || to >= tokens.size()) {
      return "";
    }
    return source.substring(tokens.get(from).start(), tokens.get(to).end());
  }

  /** Argument token ranges {@code {from, to}} of {@code call}, one per top-level argument. */
  public List<int[]> arguments(Call call) {
    var args = new ArrayList<int[]>();
    int depth = 0;
    int start = call.openParen() + 1;
    for (int k = call.openParen() + 1; k < call.closeParen(); k++) {
      var tk = tokens.get(k);
      if (tk.isPunct("(") || tk.isPunct("[") || tk.isPunct("{")) {
        depth++;
      } else if (tk.isPunct(")") || tk.isPunct("]") || tk.isPunct("}")) {
        depth--;
      } else if (depth == 0 && tk.isPunct(",")) {
        if (k > start) {
          args.add(new int[] {start, k - 1});
        }
        start = k + 1;
      }
    }
    if (call.closeParen() > start) {
      args.add(new int[] {start, call.closeParen() - 1});
    }
    return args;
  }

  /** Index of the bracket matching the one at {@code open}, or the last token when unbalanced. */
  public int matching(int open) {
    var first = tokens.get(open).text();
    var close =
        switch (first) {
          case "(" -> ")";
          case "[" -> "]";
          default -> "}";
        };
    int depth = 0;
    for (int k = open; k < tokens.size(); k++) {
      var tk = tokens.get(k);
      if (tk.isPunct(first) || (first.equals("{") && tk.isPunct("${"))) {
        depth++;
      } else if (tk.isPunct(close)) {
        if (--depth == 0) {
          return k;
        }
      }
    }
    return tokens.size() - 1;
  }
}
