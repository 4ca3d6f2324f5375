package com.architectreviewer.ai;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The AI routes ({@code reviewer.ai.*}).
 *
 * @param dailyTokenBudget tokens (input + output) one tenant may use per UTC day; beyond it the
 *     routes answer 429 quota-exceeded until midnight UTC
 * @param maxOutputTokens upper bound of one answer
 * @param maxSnippetChars code sent with one question at most (the rest is cut)
 */
@ConfigurationProperties("reviewer.ai")
record AiProperties(Long dailyTokenBudget, Integer maxOutputTokens, Integer maxSnippetChars) {

  static final long DEFAULT_DAILY_TOKEN_BUDGET = 200_000;
  static final int DEFAULT_MAX_OUTPUT_TOKENS = 800;
  static final int DEFAULT_MAX_SNIPPET_CHARS = 6_000;

  AiProperties {
    dailyTokenBudget = dailyTokenBudget == null ? DEFAULT_DAILY_TOKEN_BUDGET : dailyTokenBudget;
    maxOutputTokens = maxOutputTokens == null ? DEFAULT_MAX_OUTPUT_TOKENS : maxOutputTokens;
    maxSnippetChars = maxSnippetChars == null ? DEFAULT_MAX_SNIPPET_CHARS : maxSnippetChars;
    if (dailyTokenBudget < 0) {
      throw new IllegalArgumentException(
          "reviewer.ai.daily-token-budget must be 0 (AI off) or positive");
    }
    if (maxOutputTokens <= 0 || maxSnippetChars <= 0) {
      throw new IllegalArgumentException(
          "reviewer.ai.max-output-tokens and reviewer.ai.max-snippet-chars must be positive");
    }
  }
}
