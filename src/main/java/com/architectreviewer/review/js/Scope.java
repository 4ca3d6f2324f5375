package com.architectreviewer.review.js;

/**
 * A module, function or class scope.
 *
 * @param id index in {@link JsModule#scopes()}; the module scope is 0
 * @param kind what it is
 * @param parent enclosing scope id, -1 for the module scope
 * @param startToken first token of the body
 * @param endToken last token of the body
 * @param name declared or inferred name ({@code GET} for {@code export const GET = async () =>
 *     ...}), or {@code ""}
 */
public record Scope(int id, ScopeKind kind, int parent, int startToken, int endToken, String name) {

  /** True when token index {@code token} lies inside this scope's body. */
  public boolean contains(int token) {
    return token >= startToken && token <= endToken;
  }
}
