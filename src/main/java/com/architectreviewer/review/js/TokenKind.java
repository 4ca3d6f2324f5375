package com.architectreviewer.review.js;

/** Kinds of tokens. */
public enum TokenKind {
  /** identifiers and keywords */
  IDENT,
  PUNCT,
  NUMBER,
  /** a quoted string; text is its value */
  STRING,
  /** one literal chunk of a template literal (code inside {@code ${}} is lexed as code) */
  TEMPLATE,
  REGEX,
  /** JSX text or tag markup (not code) */
  JSX
}
