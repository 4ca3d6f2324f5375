package com.architectreviewer.review.js;

/**
 * One token of a JS/TS source. Comments produce no tokens; string, template and regex contents are
 * single tokens whose text never matches code patterns.
 *
 * @param kind what it is
 * @param text identifier name, punctuator, or the literal's value (strings: unquoted)
 * @param line 1-based line
 * @param col 1-based column
 * @param start offset of the first character in the source
 * @param end offset after the last character
 * @param newlineBefore a line break separates it from the previous token
 */
public record Token(
    TokenKind kind, String text, int line, int col, int start, int end, boolean newlineBefore) {

  public boolean is(String punctOrIdent) {
    return (kind == TokenKind.PUNCT || kind == TokenKind.IDENT) && text.equals(punctOrIdent);
  }

  public boolean isIdent() {
    return kind == TokenKind.IDENT;
  }

  public boolean isIdent(String name) {
    return kind == TokenKind.IDENT && text.equals(name);
  }

  public boolean isPunct(String punct) {
    return kind == TokenKind.PUNCT && text.equals(punct);
  }

  public boolean isString() {
    return kind == TokenKind.STRING || kind == TokenKind.TEMPLATE;
  }
}
