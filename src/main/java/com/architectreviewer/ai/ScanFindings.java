package com.architectreviewer.ai;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads a stored finding and its scan for an explanation, scoped by tenant: another tenant's
 * finding is simply not found.
 */
@Repository
class ScanFindings {

  private static final int RELATED = 8;

  private static final String FINDING =
      """
      SELECT f.rule, f.severity, f.confidence, f.file, f.line, f.message, f.remediation,
             f.snippet, f.fingerprint, s.source, s.files_scanned
      FROM findings f JOIN scans s ON s.id = f.scan_id
      WHERE f.scan_id = :scanId AND f.position = :position AND s.tenant_id = :tenantId
      """;
  private static final String RELATED_FINDINGS =
      """
      SELECT rule, severity, file, line, message FROM findings
      WHERE scan_id = :scanId AND position <> :position
      ORDER BY (file = :file) DESC, position
      LIMIT :limit
      """;

  private final JdbcClient jdbc;

  ScanFindings(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<FindingContext> find(UUID tenantId, FindingId id) {
    return jdbc.sql(FINDING)
        .param("scanId", id.scanId())
        .param("position", id.position())
        .param("tenantId", tenantId)
        .query((rs, row) ->
            new FindingContext(
                id.toString(),
                rs.getString("rule"),
                rs.getString("severity"),
                rs.getString("confidence"),
                rs.getString("file"),
                rs.getInt("line"),
                rs.getString("message"),
                rs.getString("remediation"),
                rs.getString("snippet"),
                rs.getString("fingerprint"),
                rs.getString("source"),
                rs.getInt("files_scanned"),
                List.of()))
        .optional()
        .map(finding -> withRelated(id, finding));
  }

  private FindingContext withRelated(FindingId id, FindingContext finding) {
    List<String> related =
        jdbc.sql(RELATED_FINDINGS)
            .param("scanId", id.scanId())
            .param("position", id.position())
            .param("file", finding.file())
            .param("limit", RELATED)
            .query((rs, row) ->
                rs.getString("rule")
                    + " ("
                    + rs.getString("severity")
                    + ") "
                    + rs.getString("file")
                    + ":"
                    + rs.getInt("line")
                    + " "
                    + rs.getString("message"))
            .list();
    return new FindingContext(
        finding.findingId(),
        finding.rule(),
        finding.severity(),
        finding.confidence(),
        finding.file(),
        finding.line(),
        finding.message(),
        finding.remediation(),
        finding.snippet(),
        finding.fingerprint(),
        finding.source(),
        finding.filesScanned(),
        related);
  }
}
