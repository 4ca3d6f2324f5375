package com.architectreviewer.providers;

import java.math.BigDecimal;

/**
 * A provider's answer and what it cost.
 *
 * @param text the answer
 * @param provider name of the provider that answered (after any failover)
 * @param model the model that answered
 * @param inputTokens tokens of the question, as the provider counted them
 * @param outputTokens tokens of the answer
 * @param cost price of the call per the catalogue (USD)
 */
public record ChatAnswer(
    String text,
    String provider,
    String model,
    long inputTokens,
    long outputTokens,
    BigDecimal cost) {

  public long totalTokens() {
    return inputTokens + outputTokens;
  }
}
