package com.architectreviewer.providers;

import java.math.BigDecimal;
import java.net.URI;

/**
 * One catalogue entry. It names the environment variable that holds the provider's API key ({@code
 * apiKeyEnv}); the key itself is read only when a call is made and is never part of this record.
 *
 * @param name unique name, {@code [a-z0-9][a-z0-9-]{0,39}}
 * @param apiStyle the wire protocol
 * @param baseUrl where the API lives, e.g. {@code https://api.openai.com/v1}
 * @param model the model asked for
 * @param apiKeyEnv the environment variable with the key; null for a provider that needs none
 * @param inputPricePer1k price of 1,000 input tokens (USD)
 * @param outputPricePer1k price of 1,000 output tokens (USD)
 * @param maxOutputTokens upper bound of tokens one answer may use
 * @param requestsPerMinute calls this process makes to it per minute at most
 * @param enabled whether the AI routes may use it
 * @param priority lower is tried first
 */
public record Provider(
    String name,
    ApiStyle apiStyle,
    URI baseUrl,
    String model,
    String apiKeyEnv,
    BigDecimal inputPricePer1k,
    BigDecimal outputPricePer1k,
    int maxOutputTokens,
    int requestsPerMinute,
    boolean enabled,
    int priority) {

  /** What a call with these token counts costs. */
  public BigDecimal cost(long inputTokens, long outputTokens) {
    return inputPricePer1k
        .multiply(BigDecimal.valueOf(inputTokens))
        .add(outputPricePer1k.multiply(BigDecimal.valueOf(outputTokens)))
        .divide(BigDecimal.valueOf(1000), 6, java.math.RoundingMode.HALF_UP);
  }
}
