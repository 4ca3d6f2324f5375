package com.architectreviewer.ai;

import java.math.BigDecimal;

/**
 * The answer of {@code POST /api/v1/findings/{id}/explain}.
 *
 * @param cached true when the answer came from the cache (it cost nothing)
 * @param usage what this request cost (zero when cached)
 * @param budget the tenant's token use today after this request
 */
record Explanation(
    String findingId,
    String rule,
    String explanation,
    String provider,
    String model,
    boolean cached,
    Usage usage,
    Budget budget) {

  record Usage(long inputTokens, long outputTokens, BigDecimal cost) {}

  record Budget(long usedToday, long dailyLimit) {}
}
