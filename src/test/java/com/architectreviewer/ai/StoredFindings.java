package com.architectreviewer.ai;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes a finished scan with findings straight into the scan module's tables, as a scan job would
 * leave them: the AI route reads them, whoever wrote them.
 */
record StoredFindings(JdbcClient jdbc) {

  record Row(
      String rule, String severity, String file, int line, String snippet, String fingerprint) {}

  /**
   * Stores a scan for the tenant; returns its id. The findings get their ids from the database, as
   * the API lists them.
   */
  UUID scan(UUID tenantId, List<Row> rows) {
    UUID jobId = UUID.randomUUID();
    UUID scanId = UUID.randomUUID();
    var now = OffsetDateTime.now();
    jdbc.sql(
            """
            INSERT INTO jobs (id, tenant_id, kind, state, progress, payload, created_at, updated_at)
            VALUES (:id, :tenantId, 'scan', 'succeeded', 100, '{}', :now, :now)
            """)
        .param("id", jobId)
        .param("tenantId", tenantId)
        .param("now", now)
        .update();
    jdbc.sql(
            """
            INSERT INTO scans (id, tenant_id, job_id, repository_id, source, files_scanned,
                bytes_scanned, critical, high, medium, low, info, score, duration_ms, sarif,
                created_at)
            VALUES (:id, :tenantId, :jobId, NULL, 'archive:app.zip', 12, 3400, 0, 1, 0, 0, 0, 80,
                1200, '{}', :now)
            """)
        .param("id", scanId)
        .param("tenantId", tenantId)
        .param("jobId", jobId)
        .param("now", now)
        .update();
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      jdbc.sql(
              """
              INSERT INTO findings (scan_id, position, rule, severity, confidence, file, line,
                  start_column, end_line, end_column, message, remediation, snippet, fingerprint)
              VALUES (:scanId, :position, :rule, :severity, 'high', :file, :line, 1, :line, 40,
                  :message, 'Create one client per process.', :snippet, :fingerprint)
              """)
          .param("scanId", scanId)
          .param("position", i + 1)
          .param("rule", row.rule())
          .param("severity", row.severity())
          .param("file", row.file())
          .param("line", row.line())
          .param("message", "A database client is created per request in " + row.file())
          .param("snippet", row.snippet())
          .param("fingerprint", row.fingerprint())
          .update();
    }
    return scanId;
  }
}
