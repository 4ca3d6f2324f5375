package com.architectreviewer.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.security.ApiKeys;
import com.architectreviewer.testsupport.PlatformTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A repository's scan jobs are read through {@code jobs_scan_repository_idx}, not by walking all of
 * the tenant's jobs: with 2,000 scan jobs of other repositories and statistics up to date, the
 * plans of the history page and of the overview's newest job per repository use the index.
 */
@PlatformTest
@TestPropertySource(
    properties = {"db-scheduler.enabled=false", "reviewer.jobs.workers-enabled=false"})
class ScanJobsByRepositoryIT {

  @Autowired JdbcClient jdbc;
  @Autowired ApiKeys apiKeys;

  @Test
  void historyPageReadsARepositorysJobsThroughTheRepositoryIndex() {
    UUID tenant = apiKeys.ensureTenant("repo-index-" + UUID.randomUUID());
    UUID repository = UUID.randomUUID();
    jdbc.sql(
            """
            INSERT INTO jobs (id, tenant_id, kind, state, payload, created_at, updated_at)
            SELECT gen_random_uuid(), :tenant, 'scan', 'succeeded',
                   json_build_object('repositoryId',
                                     CASE WHEN n <= 3 THEN CAST(:repository AS text)
                                          ELSE CAST(gen_random_uuid() AS text) END)::text,
                   now() - n * interval '1 minute', now()
            FROM generate_series(1, 2000) AS n
            """)
        .param("tenant", tenant)
        .param("repository", repository.toString())
        .update();
    jdbc.sql("ANALYZE jobs").update();

    List<String> history =
        jdbc.sql("EXPLAIN " + ScanHistory.FIRST_PAGE)
            .param("tenantId", tenant)
            .param("repositoryId", repository.toString())
            .param("limit", 20)
            .query(String.class)
            .list();
    assertThat(String.join("\n", history)).contains("jobs_scan_repository_idx");
  }
}
