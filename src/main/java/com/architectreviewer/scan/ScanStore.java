package com.architectreviewer.scan;

import com.architectreviewer.review.Finding;
import com.architectreviewer.review.ReportFormats;
import com.architectreviewer.review.ReviewReport;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** SQL of {@code scan_archives}, {@code scans} and {@code findings} (writes). */
@Repository
class ScanStore {

  private static final String INSERT_ARCHIVE =
      """
      INSERT INTO scan_archives (id, tenant_id, file_name, format, size_bytes, content, created_at)
      VALUES (:id, :tenantId, :fileName, :format, :size, :content, :now)
      """;
  private static final String ARCHIVE =
      "SELECT format, content FROM scan_archives WHERE id = :id AND tenant_id = :tenantId";
  private static final String DELETE_ARCHIVE = "DELETE FROM scan_archives WHERE id = :id";
  private static final String LINK_ARCHIVE =
      "UPDATE scan_archives SET job_id = :jobId WHERE id = :id AND tenant_id = :tenantId";

  /**
   * Archives without a job stored before the cut-off, and archives of jobs that finished before it
   * (failed or cancelled ones are kept until then for a retry; a succeeded job's archive is
   * normally gone already). A job's archive ages from the job's end, not from the upload, so a scan
   * that waited long in the queue still leaves the whole retention for a retry. Archives of queued
   * or running jobs (a retry clears {@code finished_at}) always stay. Every path to a final state
   * sets {@code finished_at}; a row changed by hand without it ages from {@code updated_at} rather
   * than keeping its archive forever.
   */
  private static final String SWEEP_ARCHIVES =
      """
      DELETE FROM scan_archives a
      WHERE (a.job_id IS NULL AND a.created_at < :before)
         OR EXISTS (SELECT 1 FROM jobs j
                    WHERE j.id = a.job_id AND j.state IN ('succeeded', 'failed', 'cancelled')
                      AND coalesce(j.finished_at, j.updated_at) < :before)
      """;

  private static final String DELETE_SCAN_OF_JOB = "DELETE FROM scans WHERE job_id = :jobId";
  private static final String SCAN_OF_JOB =
      "SELECT id FROM scans WHERE job_id = :jobId AND tenant_id = :tenantId";
  private static final String INSERT_SCAN =
      """
      INSERT INTO scans (id, tenant_id, job_id, repository_id, source, files_scanned,
                         bytes_scanned, critical, high, medium, low, info, score, duration_ms,
                         sarif, created_at)
      VALUES (:id, :tenantId, :jobId, :repositoryId, :source, :files, :bytes, :critical, :high,
              :medium, :low, :info, :score, :durationMs, :sarif, :now)
      """;
  private static final String INSERT_FINDING =
      """
      INSERT INTO findings (id, scan_id, position, rule, severity, confidence, file, line,
                            start_column, end_line, end_column, message, remediation, snippet,
                            fingerprint)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """;

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;

  ScanStore(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  void saveArchive(
      UUID id, UUID tenantId, String fileName, ArchiveFormat format, byte[] content, Instant now) {
    jdbc.sql(INSERT_ARCHIVE)
        .param("id", id)
        .param("tenantId", tenantId)
        .param("fileName", fileName)
        .param("format", format.id)
        .param("size", (long) content.length)
        .param("content", content)
        .param("now", ts(now))
        .update();
  }

  void deleteArchive(UUID id) {
    jdbc.sql(DELETE_ARCHIVE).param("id", id).update();
  }

  /**
   * Ties the archive to its scan job: it is deleted when the job succeeds (a trigger on {@code
   * jobs}, see V65), by {@link ArchiveSweep} once the job has been failed or cancelled for longer
   * than {@code reviewer.scan.archive-retention} (until then a retry can scan it), or with the job.
   */
  void linkArchive(UUID tenantId, UUID archiveId, UUID jobId) {
    jdbc.sql(LINK_ARCHIVE)
        .param("id", archiveId)
        .param("tenantId", tenantId)
        .param("jobId", jobId)
        .update();
  }

  /**
   * Deletes archives without a job stored before the cut-off and archives of jobs that finished
   * before it; how many went.
   */
  int sweepArchives(Instant before) {
    return jdbc.sql(SWEEP_ARCHIVES).param("before", ts(before)).update();
  }

  record StoredArchive(ArchiveFormat format, byte[] content) {}

  Optional<StoredArchive> archive(UUID tenantId, UUID id) {
    return jdbc.sql(ARCHIVE)
        .param("id", id)
        .param("tenantId", tenantId)
        .query((rs, row) ->
            new StoredArchive(ArchiveFormat.of(rs.getString("format")), rs.getBytes("content")))
        .optional();
  }

  /** The scan an earlier attempt of this job stored, if any. */
  Optional<UUID> scanOfJob(UUID tenantId, UUID jobId) {
    return jdbc.sql(SCAN_OF_JOB)
        .param("jobId", jobId)
        .param("tenantId", tenantId)
        .query(UUID.class)
        .optional();
  }

  /**
   * Stores the scan of a job, replacing whatever an earlier attempt of the same job stored, in one
   * transaction: a job has exactly one scan. An uploaded archive stays until the job's success is
   * recorded, so a re-run after a crash still finds it.
   */
  @Transactional
  UUID save(
      UUID tenantId,
      UUID jobId,
      UUID repositoryId,
      String source,
      ReviewReport report,
      Instant now) {
    jdbc.sql(DELETE_SCAN_OF_JOB).param("jobId", jobId).update();
    UUID scanId = UUID.randomUUID();
    // the findings' ids: stored with them and given to SARIF as each result's guid
    var findingIds = new ArrayList<UUID>(report.findings().size());
    for (int i = 0; i < report.findings().size(); i++) {
      findingIds.add(UUID.randomUUID());
    }
    var counts = report.countsBySeverity();
    jdbc.sql(INSERT_SCAN)
        .param("id", scanId)
        .param("tenantId", tenantId)
        .param("jobId", jobId)
        .param("repositoryId", repositoryId)
        .param("source", source)
        .param("files", report.filesScanned())
        .param("bytes", report.bytesScanned())
        .param("critical", counts.get("critical"))
        .param("high", counts.get("high"))
        .param("medium", counts.get("medium"))
        .param("low", counts.get("low"))
        .param("info", counts.get("info"))
        .param("score", Score.of(report.findings()))
        .param("durationMs", report.duration().toMillis())
        .param("sarif", ReportFormats.sarif(report, findingIds))
        .param("now", ts(now))
        .update();
    insertFindings(scanId, report.findings(), findingIds);
    return scanId;
  }

  private void insertFindings(UUID scanId, List<Finding> findings, List<UUID> ids) {
    var rows = new ArrayList<Object[]>(findings.size());
    for (int position = 0; position < findings.size(); position++) {
      var f = findings.get(position);
      rows.add(
          new Object[] {
            ids.get(position),
            scanId,
            position,
            f.rule(),
            f.severity().id(),
            f.confidence().name().toLowerCase(java.util.Locale.ROOT),
            f.file(),
            f.startLine(),
            f.startColumn(),
            f.endLine(),
            f.endColumn(),
            f.message(),
            f.remediation(),
            f.snippet(),
            f.fingerprint()
          });
    }
    batch.batchUpdate(INSERT_FINDING, rows);
  }

  static OffsetDateTime ts(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
