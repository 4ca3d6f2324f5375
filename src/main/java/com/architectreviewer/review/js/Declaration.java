package com.architectreviewer.review.js;

/**
 * A named declaration ({@code const}/{@code let}/{@code var}, {@code function}, {@code class}).
 *
 * @param name the declared name
 * @param kind the keyword ({@code const}, {@code let}, {@code var}, {@code function}, {@code
 *     class})
 * @param token index of the name token
 * @param scope the scope it is declared in
 * @param initStart first token of the initialiser, -1 when none
 * @param initEnd last token of the initialiser, -1 when none
 * @param functionScope the function it names or is initialised with (arrow, function expression,
 *     wrapped handler), -1 when none
 */
public record Declaration(
    String name, String kind, int token, int scope, int initStart, int initEnd, int functionScope) {

  public boolean hasInitialiser() {
    return initStart >= 0 && initEnd >= initStart;
  }

  /** True when token index {@code token} lies in the initialiser. */
  public boolean initialiserContains(int tokenIndex) {
    return hasInitialiser() && tokenIndex >= initStart && tokenIndex <= initEnd;
  }
}
