package com.architectreviewer.ai;

import com.architectreviewer.providers.ChatAnswer;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Explanations by (tenant, finding fingerprint, model): a second question costs nothing. */
@Repository
class ExplanationCache {

  private static final String FIND =
      """
      SELECT provider, model, answer, input_tokens, output_tokens FROM ai_explanations
      WHERE tenant_id = :tenantId AND fingerprint = :fingerprint AND model = :model
      """;
  private static final String STORE =
      """
      INSERT INTO ai_explanations (tenant_id, fingerprint, model, provider, answer, input_tokens,
          output_tokens, created_at)
      VALUES (:tenantId, :fingerprint, :model, :provider, :answer, :input, :output, :now)
      ON CONFLICT (tenant_id, fingerprint, model) DO NOTHING
      """;

  private final JdbcClient jdbc;
  private final Clock clock;

  ExplanationCache(JdbcClient jdbc, ObjectProvider<Clock> clock) {
    this.jdbc = jdbc;
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  /** The first cached answer among the models, in their order. */
  Optional<ChatAnswer> find(UUID tenantId, String fingerprint, List<String> models) {
    for (String model : models) {
      var cached =
          jdbc.sql(FIND)
              .param("tenantId", tenantId)
              .param("fingerprint", fingerprint)
              .param("model", model)
              .query((rs, row) ->
                  new ChatAnswer(
                      rs.getString("answer"),
                      rs.getString("provider"),
                      rs.getString("model"),
                      rs.getLong("input_tokens"),
                      rs.getLong("output_tokens"),
                      java.math.BigDecimal.ZERO))
              .optional();
      if (cached.isPresent()) {
        return cached;
      }
    }
    return Optional.empty();
  }

  void store(UUID tenantId, String fingerprint, ChatAnswer answer) {
    jdbc.sql(STORE)
        .param("tenantId", tenantId)
        .param("fingerprint", fingerprint)
        .param("model", answer.model())
        .param("provider", answer.provider())
        .param("answer", answer.text())
        .param("input", answer.inputTokens())
        .param("output", answer.outputTokens())
        .param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .update();
  }
}
