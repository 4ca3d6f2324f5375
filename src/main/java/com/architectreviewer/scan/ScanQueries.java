package com.architectreviewer.scan;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads of scans and findings, always scoped by tenant. */
@Repository
class ScanQueries {

  private static final String SUMMARY =
      """
      SELECT id, job_id, repository_id, source, files_scanned, bytes_scanned, critical, high,
             medium, low, info, score, duration_ms, created_at
      FROM scans WHERE id = :id AND tenant_id = :tenantId
      """;
  private static final String SARIF =
      "SELECT sarif FROM scans WHERE id = :id AND tenant_id = :tenantId";
  private static final String FINDINGS =
      """
      SELECT f.id, f.position, f.rule, f.severity, f.confidence, f.file, f.line, f.start_column,
             f.end_line, f.end_column, f.message, f.remediation, f.snippet, f.fingerprint
      FROM findings f JOIN scans s ON s.id = f.scan_id
      WHERE f.scan_id = :scanId AND s.tenant_id = :tenantId AND f.position > :after
        AND (CAST(:severities AS text) IS NULL
             OR f.severity = ANY (string_to_array(CAST(:severities AS text), ',')))
        AND (CAST(:rule AS text) IS NULL OR f.rule = :rule)
        AND (CAST(:path AS text) IS NULL OR starts_with(f.file, CAST(:path AS text)))
      ORDER BY f.position
      LIMIT :limit
      """;

  private final JdbcClient jdbc;

  ScanQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A scan's summary as the API shows it. */
  record Summary(
      UUID id,
      UUID jobId,
      UUID repositoryId,
      String source,
      int filesScanned,
      long bytesScanned,
      Map<String, Integer> counts,
      int score,
      long durationMs,
      OffsetDateTime createdAt) {}

  /**
   * A finding as the API shows it ({@code rule, severity, file, line, message} are fixed). {@code
   * id} is the finding's stable id (what {@code POST /api/v1/findings/{id}/explain} takes); {@code
   * position} is its place in the scan.
   */
  record FindingRow(
      UUID id,
      int position,
      String rule,
      String severity,
      String confidence,
      String file,
      int line,
      int column,
      int endLine,
      int endColumn,
      String message,
      String remediation,
      String snippet,
      String fingerprint) {}

  Optional<Summary> summary(UUID tenantId, UUID scanId) {
    return jdbc.sql(SUMMARY)
        .param("id", scanId)
        .param("tenantId", tenantId)
        .query((rs, row) -> {
          var counts = SeverityColumns.read(rs);
          return new Summary(
              rs.getObject("id", UUID.class),
              rs.getObject("job_id", UUID.class),
              rs.getObject("repository_id", UUID.class),
              rs.getString("source"),
              rs.getInt("files_scanned"),
              rs.getLong("bytes_scanned"),
              counts,
              rs.getInt("score"),
              rs.getLong("duration_ms"),
              rs.getObject("created_at", OffsetDateTime.class));
        })
        .optional();
  }

  Optional<String> sarif(UUID tenantId, UUID scanId) {
    return jdbc.sql(SARIF)
        .param("id", scanId)
        .param("tenantId", tenantId)
        .query(String.class)
        .optional();
  }

  /** Findings after {@code after} (a position), filtered; at most {@code limit}. */
  List<FindingRow> findings(
      UUID tenantId,
      UUID scanId,
      int after,
      String severities,
      String rule,
      String path,
      int limit) {
    return jdbc.sql(FINDINGS)
        .param("scanId", scanId)
        .param("tenantId", tenantId)
        .param("after", after)
        .param("severities", severities)
        .param("rule", rule)
        .param("path", path)
        .param("limit", limit)
        .query((rs, row) ->
            new FindingRow(
                rs.getObject("id", UUID.class),
                rs.getInt("position"),
                rs.getString("rule"),
                rs.getString("severity"),
                rs.getString("confidence"),
                rs.getString("file"),
                rs.getInt("line"),
                rs.getInt("start_column"),
                rs.getInt("end_line"),
                rs.getInt("end_column"),
                rs.getString("message"),
                rs.getString("remediation"),
                rs.getString("snippet"),
                rs.getString("fingerprint")))
        .list();
  }
}
