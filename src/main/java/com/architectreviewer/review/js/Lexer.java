package com.architectreviewer.review.js;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A hand-written JS/TS/JSX lexer. Comments vanish; strings, template chunks, regex literals and JSX
 * text become single tokens, so nothing inside them ever looks like code; code inside template
 * substitutions and JSX expression containers is lexed as code. Never throws on bad input: an
 * unterminated construct ends at the end of its line or of the file.
 */
public final class Lexer {

  private static final Set<String> REGEX_AFTER_WORDS =
      Set.of(
          "return",
          "typeof",
          "instanceof",
          "in",
          "of",
          "new",
          "delete",
          "void",
          "throw",
          "case",
          "do",
          "else",
          "yield",
          "await",
          "extends");
  private static final String[][] OPERATORS = new String[128][];
  private static final String[] SINGLE = new String[128];

  static {
    for (char c = 0; c < 128; c++) {
      SINGLE[c] = String.valueOf(c);
    }
    String[] all = {
      ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=", "=>", "==",
      "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=",
      "|=", "^=", "**", "<<", ">>"
    };
    var byChar = new ArrayList<List<String>>();
    for (int i = 0; i < 128; i++) {
      byChar.add(new ArrayList<>());
    }
    for (var op : all) {
      byChar.get(op.charAt(0)).add(op);
    }
    for (int i = 0; i < 128; i++) {
      var ops = byChar.get(i);
      ops.sort((a, b) -> b.length() - a.length());
      OPERATORS[i] = ops.toArray(String[]::new);
    }
  }

  private final String s;
  private final int n;
  private final boolean jsx;
  private final List<Token> out;
  private int pos;
  private int line = 1;
  private int lineStart;
  private boolean newline;

  private Lexer(String source, boolean jsx) {
    this.s = source;
    this.n = source.length();
    this.jsx = jsx;
    this.out = new ArrayList<>(Math.max(16, n / 5));
  }

  /**
   * Tokens of {@code source}.
   *
   * @param jsx whether {@code <Tag>} in expression position is JSX (true for .js/.jsx/.tsx, false
   *     for .ts where it is a type assertion)
   */
  public static List<Token> lex(String source, boolean jsx) {
    var lexer = new Lexer(source, jsx);
    if (source.startsWith("#!")) {
      while (lexer.pos < lexer.n && source.charAt(lexer.pos) != '\n') {
        lexer.pos++;
      }
    }
    lexer.code(false);
    return lexer.out;
  }

  private void code(boolean untilBrace) {
    int depth = 0;
    while (true) {
      skipTrivia();
      if (pos >= n) {
        return;
      }
      char c = s.charAt(pos);
      int start = pos;
      if (c == '}' && untilBrace && depth == 0) {
        pos++;
        return;
      }
      if (c == '{') {
        depth++;
        pos++;
        emit(TokenKind.PUNCT, "{", start);
      } else if (c == '}') {
        depth--;
        pos++;
        emit(TokenKind.PUNCT, "}", start);
      } else if (c == '"' || c == '\'') {
        string(c);
      } else if (c == '`') {
        template();
      } else if (isDigit(c) || (c == '.' && pos + 1 < n && isDigit(s.charAt(pos + 1)))) {
        number();
      } else if (Character.isJavaIdentifierStart(c)
          || (c == '#' && pos + 1 < n && Character.isJavaIdentifierStart(s.charAt(pos + 1)))) {
        ident();
      } else if (c == '/' && regexAllowed() && regex()) {
        // emitted by regex()
      } else if (c == '<' && jsx && regexAllowed() && looksLikeJsx()) {
        jsxElement();
      } else {
        punct(c);
      }
    }
  }

  private void skipTrivia() {
    while (pos < n) {
      char c = s.charAt(pos);
      if (c == '\n') {
        pos++;
        newLine();
        newline = true;
      } else if (c == ' '
          || c == '\t'
          || c == '\r'
          || c == '\f'
          || c == '\u00a0'
          || c == '\ufeff') {
        pos++;
      } else if (c == '/' && pos + 1 < n && s.charAt(pos + 1) == '/') {
        while (pos < n && s.charAt(pos) != '\n') {
          pos++;
        }
      } else if (c == '/' && pos + 1 < n && s.charAt(pos + 1) == '*') {
        int endComment = s.indexOf("*/", pos + 2);
        int stop = endComment < 0 ? n : endComment + 2;
        for (int i = pos; i < stop; i++) {
          if (s.charAt(i) == '\n') {
            pos = i + 1;
            newLine();
            newline = true;
          }
        }
        pos = stop;
      } else {
        return;
      }
    }
  }

  private void newLine() {
    line++;
    lineStart = pos;
  }

  private void emit(TokenKind kind, String text, int start) {
    emitAt(kind, text, start, line, start - lineStart + 1);
  }

  private void emitAt(TokenKind kind, String text, int start, int tokenLine, int col) {
    out.add(new Token(kind, text, tokenLine, col, start, pos, newline));
    newline = false;
  }

  private boolean regexAllowed() {
    if (out.isEmpty()) {
      return true;
    }
    var last = out.get(out.size() - 1);
    return switch (last.kind()) {
      case PUNCT -> !(last.text().equals(")") || last.text().equals("]"));
      case IDENT -> REGEX_AFTER_WORDS.contains(last.text());
      default -> false;
    };
  }

  private void string(char quote) {
    int start = pos;
    int tokenLine = line;
    int col = start - lineStart + 1;
    pos++;
    StringBuilder value = null;
    int chunk = pos;
    while (pos < n) {
      char c = s.charAt(pos);
      if (c == quote || c == '\n') {
        break;
      }
      if (c == '\\' && pos + 1 < n) {
        if (value == null) {
          value = new StringBuilder();
        }
        value.append(s, chunk, pos);
        char e = s.charAt(pos + 1);
        value.append(
            switch (e) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              default -> e;
            });
        pos += 2;
        if (e == '\n') {
          line++;
          lineStart = pos;
        }
        chunk = pos;
        continue;
      }
      pos++;
    }
    String text;
    if (value == null) {
      text = s.substring(chunk, pos);
    } else {
      text = value.append(s, chunk, pos).toString();
    }
    if (pos < n && s.charAt(pos) == quote) {
      pos++;
    }
    emitAt(TokenKind.STRING, text, start, tokenLine, col);
  }

  private void template() {
    pos++; // `
    int chunkStart = pos;
    int chunkLine = line;
    int chunkCol = pos - lineStart + 1;
    while (pos < n) {
      char c = s.charAt(pos);
      if (c == '\\') {
        pos = Math.min(n, pos + 2);
        if (s.charAt(pos - 1) == '\n') {
          newLine();
        }
      } else if (c == '`') {
        emitAt(TokenKind.TEMPLATE, s.substring(chunkStart, pos), chunkStart, chunkLine, chunkCol);
        pos++;
        return;
      } else if (c == '$' && pos + 1 < n && s.charAt(pos + 1) == '{') {
        emitAt(TokenKind.TEMPLATE, s.substring(chunkStart, pos), chunkStart, chunkLine, chunkCol);
        pos += 2;
        code(true);
        chunkStart = pos;
        chunkLine = line;
        chunkCol = pos - lineStart + 1;
      } else {
        pos++;
        if (c == '\n') {
          newLine();
        }
      }
    }
    emitAt(TokenKind.TEMPLATE, s.substring(chunkStart, pos), chunkStart, chunkLine, chunkCol);
  }

  private void number() {
    int start = pos;
    pos++;
    while (pos < n) {
      char c = s.charAt(pos);
      if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
        pos++;
      } else if ((c == '+' || c == '-')
          && (s.charAt(pos - 1) == 'e' || s.charAt(pos - 1) == 'E')
          && !s.startsWith("0x", start)) {
        pos++;
      } else {
        break;
      }
    }
    emit(TokenKind.NUMBER, s.substring(start, pos), start);
  }

  private void ident() {
    int start = pos;
    pos++;
    while (pos < n && Character.isJavaIdentifierPart(s.charAt(pos))) {
      pos++;
    }
    emit(TokenKind.IDENT, s.substring(start, pos).intern(), start);
  }

  private boolean regex() {
    int i = pos + 1;
    boolean inClass = false;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\n') {
        return false;
      }
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '[') {
        inClass = true;
      } else if (c == ']') {
        inClass = false;
      } else if (c == '/' && !inClass) {
        break;
      }
      i++;
    }
    if (i >= n) {
      return false;
    }
    i++;
    while (i < n && Character.isLetter(s.charAt(i))) {
      i++;
    }
    int start = pos;
    pos = i;
    emit(TokenKind.REGEX, s.substring(start, pos), start);
    return true;
  }

  private void punct(char c) {
    int start = pos;
    if (c < 128) {
      for (var op : OPERATORS[c]) {
        if (s.startsWith(op, pos)) {
          pos += op.length();
          emit(TokenKind.PUNCT, op, start);
          return;
        }
      }
    }
    pos++;
    emit(TokenKind.PUNCT, c < 128 ? SINGLE[c] : String.valueOf(c), start);
  }

  private boolean looksLikeJsx() {
    if (pos + 1 >= n) {
      return false;
    }
    char next = s.charAt(pos + 1);
    if (next == '>') {
      return true;
    }
    if (!Character.isJavaIdentifierStart(next)) {
      return false;
    }
    int i = pos + 1;
    while (i < n && isTagChar(s.charAt(i))) {
      i++;
    }
    while (i < n && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    if (i >= n) {
      return false;
    }
    char after = s.charAt(i);
    return after != ',' && !s.startsWith("extends", i);
  }

  private static boolean isTagChar(char c) {
    return Character.isJavaIdentifierPart(c) || c == '.' || c == '-' || c == ':';
  }

  private void jsxElement() {
    int start = pos;
    pos++; // <
    skipJsxSpace();
    if (pos < n && s.charAt(pos) == '>') {
      pos++;
      emit(TokenKind.JSX, "<>", start);
      jsxChildren();
      return;
    }
    int nameStart = pos;
    while (pos < n && isTagChar(s.charAt(pos))) {
      pos++;
    }
    var name = s.substring(nameStart, pos);
    emit(TokenKind.JSX, "<" + name, start);
    while (pos < n) {
      skipJsxSpace();
      if (pos >= n) {
        return;
      }
      char c = s.charAt(pos);
      if (c == '/' && pos + 1 < n && s.charAt(pos + 1) == '>') {
        pos += 2;
        emit(TokenKind.JSX, "/>", pos - 2);
        return;
      } else if (c == '>') {
        pos++;
        jsxChildren();
        return;
      } else if (c == '{') {
        pos++;
        code(true);
      } else if (isTagChar(c)) {
        while (pos < n && isTagChar(s.charAt(pos))) {
          pos++;
        }
        skipJsxSpace();
        if (pos < n && s.charAt(pos) == '=') {
          pos++;
          skipJsxSpace();
          jsxAttributeValue();
        }
      } else {
        pos++;
      }
    }
  }

  private void jsxAttributeValue() {
    if (pos >= n) {
      return;
    }
    char c = s.charAt(pos);
    if (c == '"' || c == '\'') {
      int close = s.indexOf(c, pos + 1);
      int stop = close < 0 ? n : close + 1;
      for (int i = pos; i < stop; i++) {
        if (s.charAt(i) == '\n') {
          pos = i + 1;
          newLine();
        }
      }
      pos = stop;
    } else if (c == '{') {
      pos++;
      code(true);
    } else if (c == '<') {
      jsxElement();
    }
  }

  private void jsxChildren() {
    while (pos < n) {
      char c = s.charAt(pos);
      if (c == '<') {
        if (pos + 1 < n && s.charAt(pos + 1) == '/') {
          int start = pos;
          while (pos < n && s.charAt(pos) != '>') {
            if (s.charAt(pos) == '\n') {
              pos++;
              newLine();
            } else {
              pos++;
            }
          }
          pos = Math.min(n, pos + 1);
          emit(TokenKind.JSX, "</", start);
          return;
        }
        jsxElement();
      } else if (c == '{') {
        pos++;
        code(true);
      } else {
        int start = pos;
        int tokenLine = line;
        int col = pos - lineStart + 1;
        while (pos < n && s.charAt(pos) != '<' && s.charAt(pos) != '{') {
          if (s.charAt(pos) == '\n') {
            pos++;
            newLine();
          } else {
            pos++;
          }
        }
        var text = s.substring(start, pos).strip();
        if (!text.isEmpty()) {
          emitAt(TokenKind.JSX, text, start, tokenLine, col);
        }
      }
    }
  }

  private void skipJsxSpace() {
    while (pos < n) {
      char c = s.charAt(pos);
      if (c == '\n') {
        pos++;
        newLine();
      } else if (Character.isWhitespace(c)) {
        pos++;
      } else if (c == '/'
          && pos + 1 < n
          && (s.charAt(pos + 1) == '/' || s.charAt(pos + 1) == '*')) {
        skipTrivia();
      } else {
        return;
      }
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
