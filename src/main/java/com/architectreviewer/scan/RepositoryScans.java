package com.architectreviewer.scan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The scans of all registered repositories of a tenant at once, for the portfolio: one statement
 * per read whatever the number of repositories. Every statement is scoped by the tenant; which
 * repositories exist is the caller's business (a repository id here is only a key).
 */
@Service
public class RepositoryScans {

  private static final String SUMMARIES =
      """
      WITH ranked AS (
        SELECT s.repository_id, s.id, s.score, s.critical, s.high, s.medium, s.low, s.info,
               s.created_at,
               row_number() OVER (PARTITION BY s.repository_id
                                  ORDER BY s.created_at DESC, s.id DESC) AS n
        FROM scans s WHERE s.tenant_id = :tenantId AND s.repository_id IS NOT NULL
      ),
      latest_job AS (
        SELECT DISTINCT ON (CAST(j.payload AS jsonb) ->> 'repositoryId')
               CAST(j.payload AS jsonb) ->> 'repositoryId' AS repository_id, j.state, j.progress
        FROM jobs j
        WHERE j.tenant_id = :tenantId AND j.kind = 'scan'
          AND CAST(j.payload AS jsonb) ->> 'repositoryId' IS NOT NULL
        ORDER BY CAST(j.payload AS jsonb) ->> 'repositoryId', j.created_at DESC, j.id DESC
      )
      SELECT coalesce(cur.repository_id::text, job.repository_id) AS repository_id,
             cur.id AS scan_id, cur.score, cur.critical, cur.high, cur.medium, cur.low, cur.info,
             cur.created_at AS scanned_at,
             prev.score AS previous_score,
             prev.critical + prev.high + prev.medium + prev.low + prev.info AS previous_findings,
             job.state AS job_state, job.progress AS job_progress
      FROM (SELECT * FROM ranked WHERE n = 1) cur
      LEFT JOIN ranked prev ON prev.repository_id = cur.repository_id AND prev.n = 2
      FULL JOIN latest_job job ON job.repository_id = cur.repository_id::text
      """;

  private static final String NEWEST =
      """
      SELECT id, job_id, critical, high, medium, low, info, score, duration_ms, created_at
      FROM scans WHERE tenant_id = :tenantId AND repository_id = :repositoryId
      ORDER BY created_at DESC, id DESC LIMIT 1
      """;

  private static final String SCANNED =
      """
      SELECT DISTINCT repository_id FROM scans
      WHERE tenant_id = :tenantId AND repository_id IS NOT NULL
      """;

  private static final String LATEST_FINDINGS =
      """
      WITH latest AS (
        SELECT DISTINCT ON (s.repository_id) s.id, s.repository_id
        FROM scans s WHERE s.tenant_id = :tenantId AND s.repository_id IS NOT NULL
        ORDER BY s.repository_id, s.created_at DESC, s.id DESC
      )
      SELECT l.repository_id, f.rule, f.severity, f.confidence, f.file, f.line
      FROM latest l JOIN findings f ON f.scan_id = l.id
      ORDER BY l.repository_id, f.position
      """;

  private final JdbcClient jdbc;

  RepositoryScans(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A repository's newest scan job and its two newest stored scans.
   *
   * @param jobState state of the newest scan job of the repository, or null when none
   * @param latest the newest stored scan, or null when never stored
   * @param previousScore score of the scan before the newest, or null when there is none
   * @param previousFindings number of findings of the scan before the newest, or null
   */
  public record Summary(
      String jobState,
      Integer jobProgress,
      Latest latest,
      Integer previousScore,
      Integer previousFindings) {}

  /**
   * @param counts findings by severity ({@code critical, high, medium, low, info})
   */
  public record Latest(UUID id, int score, Map<String, Integer> counts, Instant createdAt) {

    /** The number of findings of every severity. */
    public int findings() {
      return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /**
   * The newest stored scan of one repository.
   *
   * @param counts findings by severity ({@code critical, high, medium, low, info})
   */
  public record Newest(
      UUID id,
      UUID jobId,
      Map<String, Integer> counts,
      int score,
      long durationMs,
      Instant createdAt) {}

  /** One finding of the newest scan of a repository. */
  public record LatestFinding(
      UUID repositoryId, String rule, String severity, String confidence, String file, int line) {}

  /**
   * Repository id → summary, for every repository of the tenant with a stored scan or a scan job.
   */
  public Map<UUID, Summary> summaries(UUID tenantId) {
    var summaries = new HashMap<UUID, Summary>();
    jdbc.sql(SUMMARIES)
        .param("tenantId", tenantId)
        .query(rs -> {
          UUID repository = repositoryId(rs.getString("repository_id"));
          if (repository != null) {
            summaries.put(repository, summary(rs));
          }
        });
    return summaries;
  }

  /** The newest stored scan of the repository, if it has one. */
  public Optional<Newest> newest(UUID tenantId, UUID repositoryId) {
    return jdbc.sql(NEWEST)
        .param("tenantId", tenantId)
        .param("repositoryId", repositoryId)
        .query((rs, row) ->
            new Newest(
                rs.getObject("id", UUID.class),
                rs.getObject("job_id", UUID.class),
                SeverityColumns.read(rs),
                rs.getInt("score"),
                rs.getLong("duration_ms"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant()))
        .optional();
  }

  /** Ids of the tenant's repositories that have at least one stored scan. */
  public Set<UUID> scanned(UUID tenantId) {
    return new HashSet<>(
        jdbc.sql(SCANNED)
            .param("tenantId", tenantId)
            .query((rs, row) -> rs.getObject("repository_id", UUID.class))
            .list());
  }

  /** The findings of each repository's newest scan, by repository id, then in scan order. */
  public List<LatestFinding> latestFindings(UUID tenantId) {
    return jdbc.sql(LATEST_FINDINGS)
        .param("tenantId", tenantId)
        .query((rs, row) ->
            new LatestFinding(
                rs.getObject("repository_id", UUID.class),
                rs.getString("rule"),
                rs.getString("severity"),
                rs.getString("confidence"),
                rs.getString("file"),
                rs.getInt("line")))
        .list();
  }

  private static Summary summary(ResultSet rs) throws SQLException {
    UUID scanId = rs.getObject("scan_id", UUID.class);
    Latest latest = null;
    if (scanId != null) {
      latest =
          new Latest(
              scanId,
              rs.getInt("score"),
              SeverityColumns.read(rs),
              rs.getObject("scanned_at", OffsetDateTime.class).toInstant());
    }
    return new Summary(
        rs.getString("job_state"),
        (Integer) rs.getObject("job_progress"),
        latest,
        (Integer) rs.getObject("previous_score"),
        (Integer) rs.getObject("previous_findings"));
  }

  /**
   * The id a scan job payload names; only its canonical text form matches a repository, so any
   * other text (a payload this version did not write) matches none.
   */
  private static UUID repositoryId(String text) {
    try {
      UUID id = UUID.fromString(text);
      return id.toString().equals(text) ? id : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
