package com.architectreviewer.scan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Stored findings by their id, for other modules (the AI routes): always scoped by tenant, so
 * another tenant's finding is simply not found.
 */
@Service
public class FindingLookup {

  private static final String COLUMNS =
      """
      f.id, f.scan_id, f.rule, f.severity, f.confidence, f.file, f.line, f.message,
      f.remediation, f.snippet, f.fingerprint, s.source, s.files_scanned
      """;
  private static final String FIND =
      "SELECT "
          + COLUMNS
          + """
          FROM findings f JOIN scans s ON s.id = f.scan_id
          WHERE f.id = :id AND s.tenant_id = :tenantId
          """;
  private static final String SAME_SCAN =
      "SELECT "
          + COLUMNS
          + """
          FROM findings f JOIN scans s ON s.id = f.scan_id
          WHERE f.scan_id = :scanId AND s.tenant_id = :tenantId AND f.id <> :id
          ORDER BY (f.file = :file) DESC, f.position
          LIMIT :limit
          """;

  private final JdbcClient jdbc;

  FindingLookup(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The tenant's finding with this id; empty for an unknown id or another tenant's finding. */
  public Optional<StoredFinding> find(UUID tenantId, UUID findingId) {
    return jdbc.sql(FIND)
        .param("id", findingId)
        .param("tenantId", tenantId)
        .query(FindingLookup::finding)
        .optional();
  }

  /**
   * Up to {@code limit} other findings of the same scan, those in the same file first, then in scan
   * order.
   */
  public List<StoredFinding> sameScan(UUID tenantId, StoredFinding finding, int limit) {
    return jdbc.sql(SAME_SCAN)
        .param("scanId", finding.scanId())
        .param("tenantId", tenantId)
        .param("id", finding.id())
        .param("file", finding.file())
        .param("limit", limit)
        .query(FindingLookup::finding)
        .list();
  }

  private static StoredFinding finding(ResultSet rs, int row) throws SQLException {
    return new StoredFinding(
        rs.getObject("id", UUID.class),
        rs.getObject("scan_id", UUID.class),
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
        rs.getInt("files_scanned"));
  }
}
