package com.architectreviewer.portfolio;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads of the portfolio: repositories with their latest scans, and those scans' findings. */
@Repository
class PortfolioQueries {

  private static final String OVERVIEW =
      """
      WITH ranked AS (
        SELECT s.repository_id, s.id, s.score, s.critical, s.high, s.medium, s.low, s.info,
               s.created_at,
               row_number() OVER (PARTITION BY s.repository_id
                                  ORDER BY s.created_at DESC, s.id DESC) AS n
        FROM scans s WHERE s.tenant_id = :tenantId AND s.repository_id IS NOT NULL
      )
      SELECT r.id, r.name, r.url, r.path, r.branch, r.tags,
             cur.id AS scan_id, cur.score, cur.critical, cur.high, cur.medium, cur.low, cur.info,
             cur.created_at AS scanned_at,
             prev.score AS previous_score,
             prev.critical + prev.high + prev.medium + prev.low + prev.info AS previous_findings,
             job.state AS job_state, job.progress AS job_progress
      FROM repositories r
      LEFT JOIN ranked cur ON cur.repository_id = r.id AND cur.n = 1
      LEFT JOIN ranked prev ON prev.repository_id = r.id AND prev.n = 2
      LEFT JOIN LATERAL (
        SELECT j.state, j.progress FROM jobs j
        WHERE j.tenant_id = r.tenant_id AND j.kind = 'scan'
          AND j.payload::jsonb ->> 'repositoryId' = r.id::text
        ORDER BY j.created_at DESC LIMIT 1) job ON true
      WHERE r.tenant_id = :tenantId
      ORDER BY r.name
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

  private static final String SCANNED =
      """
      SELECT DISTINCT r.id, r.name FROM repositories r JOIN scans s ON s.repository_id = r.id
      WHERE r.tenant_id = :tenantId AND s.tenant_id = :tenantId
      ORDER BY r.name
      """;

  private final JdbcClient jdbc;

  PortfolioQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<PortfolioView.Entry> overview(UUID tenantId) {
    return jdbc.sql(OVERVIEW).param("tenantId", tenantId).query(PortfolioQueries::entry).list();
  }

  /** Repositories that have at least one scan: id → name, ordered by name. */
  Map<UUID, String> scannedRepositories(UUID tenantId) {
    var scanned = new LinkedHashMap<UUID, String>();
    jdbc.sql(SCANNED)
        .param("tenantId", tenantId)
        .query(rs -> {
          scanned.put(rs.getObject("id", UUID.class), rs.getString("name"));
        });
    return scanned;
  }

  List<StrategyPlanner.ScannedFinding> latestFindings(UUID tenantId) {
    return jdbc.sql(LATEST_FINDINGS)
        .param("tenantId", tenantId)
        .query((rs, row) ->
            new StrategyPlanner.ScannedFinding(
                rs.getObject("repository_id", UUID.class),
                rs.getString("rule"),
                rs.getString("severity"),
                rs.getString("confidence"),
                rs.getString("file"),
                rs.getInt("line")))
        .list();
  }

  private static PortfolioView.Entry entry(ResultSet rs, int row) throws SQLException {
    UUID scanId = rs.getObject("scan_id", UUID.class);
    PortfolioView.LatestScan latest = null;
    if (scanId != null) {
      var counts = new LinkedHashMap<String, Integer>();
      for (String severity : List.of("critical", "high", "medium", "low", "info")) {
        counts.put(severity, rs.getInt(severity));
      }
      int findings = counts.values().stream().mapToInt(Integer::intValue).sum();
      Integer previousScore = (Integer) rs.getObject("previous_score");
      Integer previousFindings = (Integer) rs.getObject("previous_findings");
      int score = rs.getInt("score");
      latest =
          new PortfolioView.LatestScan(
              scanId,
              "/api/v1/scans/" + scanId,
              score,
              counts,
              findings,
              rs.getObject("scanned_at", OffsetDateTime.class).toInstant(),
              PortfolioView.Trend.of(score, findings, previousScore, previousFindings));
    }
    return new PortfolioView.Entry(
        rs.getObject("id", UUID.class),
        rs.getString("name"),
        rs.getString("url"),
        rs.getString("path"),
        rs.getString("branch"),
        tags(rs.getArray("tags")),
        rs.getString("job_state"),
        (Integer) rs.getObject("job_progress"),
        latest);
  }

  private static List<String> tags(Array array) throws SQLException {
    return array == null ? List.of() : List.of((String[]) array.getArray());
  }
}
