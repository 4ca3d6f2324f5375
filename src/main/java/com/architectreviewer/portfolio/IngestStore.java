package com.architectreviewer.portfolio;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** The outcomes of each ingest job, readable by its tenant only. */
@Repository
class IngestStore {

  private static final String SAVE =
      """
      INSERT INTO portfolio_ingests (job_id, tenant_id, outcomes, updated_at)
      VALUES (:jobId, :tenantId, :outcomes, :now)
      ON CONFLICT (job_id) DO UPDATE SET outcomes = EXCLUDED.outcomes,
          updated_at = EXCLUDED.updated_at
      """;
  private static final String FIND =
      "SELECT outcomes FROM portfolio_ingests WHERE job_id = :jobId AND tenant_id = :tenantId";

  private static final TypeReference<List<IngestOutcome>> OUTCOMES = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  IngestStore(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void save(UUID tenantId, UUID jobId, List<IngestOutcome> outcomes, Instant now) {
    jdbc.sql(SAVE)
        .param("jobId", jobId)
        .param("tenantId", tenantId)
        .param("outcomes", json.writeValueAsString(outcomes))
        .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
        .update();
  }

  Optional<List<IngestOutcome>> find(UUID tenantId, UUID jobId) {
    return jdbc.sql(FIND)
        .param("jobId", jobId)
        .param("tenantId", tenantId)
        .query(String.class)
        .optional()
        .map(text -> json.readValue(text, OUTCOMES));
  }
}
