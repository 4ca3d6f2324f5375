package com.architectreviewer.review.model;

/**
 * A Prisma datasource ({@code schema.prisma} {@code datasource} block or {@code prisma.config.ts}).
 *
 * @param file where it is declared
 * @param line 1-based line of the block
 * @param provider {@code postgresql}, {@code mysql}... ({@code ""} when not given)
 * @param url the connection URL setting ({@code null} when absent)
 * @param directUrl the {@code directUrl} setting ({@code null} when absent)
 */
public record PrismaDatasource(
    String file, int line, String provider, Setting url, Setting directUrl) {

  /**
   * One URL setting.
   *
   * @param env environment variable name for {@code env("X")}, else {@code ""}
   * @param literal literal value, else {@code ""}
   * @param line 1-based line
   */
  public record Setting(String env, String literal, int line) {}
}
