package com.architectreviewer.ai;

import com.architectreviewer.providers.ChatAnswer;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tokens used per tenant, UTC day and provider. Recording is a non-critical write: it goes through
 * a circuit breaker, and when the database is busy the usage is logged and dropped instead of
 * failing the user's request (the budget then undercounts, never blocks wrongly).
 */
@Component
class AiUsage {

  private static final Logger log = LoggerFactory.getLogger(AiUsage.class);

  private static final String RECORD =
      """
      INSERT INTO ai_usage (tenant_id, day, provider, calls, input_tokens, output_tokens, cost)
      VALUES (:tenantId, :day, :provider, 1, :input, :output, :cost)
      ON CONFLICT (tenant_id, day, provider) DO UPDATE SET
          calls = ai_usage.calls + 1,
          input_tokens = ai_usage.input_tokens + EXCLUDED.input_tokens,
          output_tokens = ai_usage.output_tokens + EXCLUDED.output_tokens,
          cost = ai_usage.cost + EXCLUDED.cost
      """;
  private static final String USED_TODAY =
      """
      SELECT coalesce(sum(input_tokens + output_tokens), 0) FROM ai_usage
      WHERE tenant_id = :tenantId AND day = :day
      """;

  private final JdbcClient jdbc;
  private final Clock clock;
  private final CircuitBreaker breaker =
      CircuitBreaker.of(
          "ai-usage",
          CircuitBreakerConfig.custom()
              .minimumNumberOfCalls(5)
              .waitDurationInOpenState(Duration.ofSeconds(30))
              .build());

  AiUsage(JdbcClient jdbc, ObjectProvider<Clock> clock) {
    this.jdbc = jdbc;
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  /** Tokens the tenant used today (UTC). */
  long usedToday(UUID tenantId) {
    return jdbc.sql(USED_TODAY)
        .param("tenantId", tenantId)
        .param("day", today())
        .query(Long.class)
        .single();
  }

  void record(UUID tenantId, ChatAnswer answer) {
    try {
      breaker.executeRunnable(() ->
          jdbc.sql(RECORD)
              .param("tenantId", tenantId)
              .param("day", today())
              .param("provider", answer.provider())
              .param("input", answer.inputTokens())
              .param("output", answer.outputTokens())
              .param("cost", answer.cost())
              .update());
    } catch (CallNotPermittedException open) {
      log.warn(
          "AI usage not recorded ({} tokens, provider {}): usage writes are paused after"
              + " failures; they resume within 30 s",
          answer.totalTokens(),
          answer.provider());
    } catch (RuntimeException e) {
      log.warn(
          "AI usage not recorded ({} tokens, provider {}): {}; the request still succeeds",
          answer.totalTokens(),
          answer.provider(),
          e.getClass().getSimpleName());
    }
  }

  LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  /** Time until the budget renews: the next midnight UTC. */
  Duration untilTomorrow() {
    var now = clock.instant();
    var midnight = today().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    return Duration.between(now, midnight);
  }
}
