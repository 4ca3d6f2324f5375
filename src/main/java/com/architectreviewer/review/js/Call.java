package com.architectreviewer.review.js;

/**
 * A call or constructor invocation.
 *
 * @param callee dotted path of identifiers ({@code prisma.user.create}); starts with {@code .} when
 *     the receiver is an expression ({@code createClient(url).connect()} gives {@code .connect})
 * @param isNew {@code new X(...)}
 * @param awaited preceded by {@code await}
 * @param startToken first token of the callee (or of {@code new}/{@code await} excluded)
 * @param openParen token of {@code (}, -1 for {@code new X} without arguments
 * @param closeParen token of the matching {@code )}, -1 when absent
 * @param scope innermost scope id containing the call
 * @param line 1-based line of the callee
 * @param col 1-based column of the callee
 */
public record Call(
    String callee,
    boolean isNew,
    boolean awaited,
    int startToken,
    int openParen,
    int closeParen,
    int scope,
    int line,
    int col) {

  /** The first identifier of the callee ({@code prisma} in {@code prisma.user.create}). */
  public String root() {
    int dot = callee.indexOf('.');
    return dot < 0 ? callee : callee.substring(0, dot);
  }

  /** The last identifier ({@code create} in {@code prisma.user.create}). */
  public String member() {
    int dot = callee.lastIndexOf('.');
    return dot < 0 ? callee : callee.substring(dot + 1);
  }

  /** True when the arguments are at tokens {@code (openParen, closeParen)}. */
  public boolean hasArguments() {
    return openParen >= 0 && closeParen > openParen + 1;
  }
}
