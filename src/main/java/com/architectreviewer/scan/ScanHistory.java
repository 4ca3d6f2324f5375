package com.architectreviewer.scan;

import com.architectreviewer.security.PageCursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The scans of one registered repository, newest first, with keyset pagination: every scan job of
 * the repository (queued, running, failed and cancelled ones too) with its stored scan once it
 * succeeded. Every statement is scoped by the tenant; whether the repository itself belongs to the
 * tenant is the caller's check.
 */
@Service
public class ScanHistory {

  // The repository of a scan job is in its payload (written by ScanPayloads), as the portfolio's
  // overview finds a repository's newest job; jobs_scan_repository_idx (V63) holds exactly this
  // key and order, so a page reads only its rows. The kind is written out: the index covers scan
  // jobs only, which a parameter would not let the planner prove.
  private static final String SELECT =
      """
      SELECT j.id AS job_id, j.state, j.error, j.payload, j.created_at, j.finished_at,
             s.id, s.source, s.files_scanned, s.score, s.duration_ms,
             s.critical, s.high, s.medium, s.low, s.info
      FROM jobs j LEFT JOIN scans s ON s.job_id = j.id AND s.tenant_id = j.tenant_id
      WHERE j.tenant_id = :tenantId AND j.kind = 'scan'
        AND CAST(j.payload AS jsonb) ->> 'repositoryId' = :repositoryId
      """;
  static final String FIRST_PAGE = SELECT + "ORDER BY j.created_at DESC, j.id DESC LIMIT :limit";
  private static final String NEXT_PAGE =
      SELECT
          + "AND (j.created_at, j.id) < (:createdAt, :id)"
          + " ORDER BY j.created_at DESC, j.id DESC LIMIT :limit";

  private final JdbcClient jdbc;
  private final ScanPayloads payloads;

  ScanHistory(JdbcClient jdbc, ScanPayloads payloads) {
    this.jdbc = jdbc;
    this.payloads = payloads;
  }

  /**
   * One scan of a repository as the history shows it. The fields of the stored scan ({@code id},
   * {@code source}, {@code filesScanned}, {@code score}, {@code counts}, {@code durationMs}, {@code
   * url}) are null until the job succeeded.
   *
   * @param jobId the scan job; the history's order and cursor follow it
   * @param state the job's state: {@code queued}, {@code running}, {@code succeeded}, {@code
   *     failed} or {@code cancelled}
   * @param error why the job failed, fit for users, or null
   * @param createdAt when the scan was asked for
   * @param finishedAt when the job ended, or null
   * @param ref the git branch or tag scanned, or null (the remote's default branch, or not git)
   * @param counts findings by severity ({@code critical, high, medium, low, info})
   * @param url the scan's own resource, {@code /api/v1/scans/{id}}
   */
  public record Entry(
      UUID id,
      UUID jobId,
      String state,
      String error,
      Instant createdAt,
      Instant finishedAt,
      String ref,
      String source,
      Integer filesScanned,
      Integer score,
      Map<String, Integer> counts,
      Long durationMs,
      String url) {}

  /**
   * Up to {@code limit} scans of the repository after the cursor (null: from the newest).
   *
   * @param after the {@code (createdAt, jobId)} of the last entry of the previous page, or null
   */
  public List<Entry> page(UUID tenantId, UUID repositoryId, PageCursor after, int limit) {
    var statement =
        after == null
            ? jdbc.sql(FIRST_PAGE)
            : jdbc.sql(NEXT_PAGE)
                .param("createdAt", OffsetDateTime.ofInstant(after.createdAt(), ZoneOffset.UTC))
                .param("id", after.id());
    return statement
        .param("tenantId", tenantId)
        .param("repositoryId", repositoryId.toString())
        .param("limit", limit)
        .query(this::entry)
        .list();
  }

  private Entry entry(ResultSet rs, int row) throws SQLException {
    UUID id = rs.getObject("id", UUID.class);
    OffsetDateTime finishedAt = rs.getObject("finished_at", OffsetDateTime.class);
    Map<String, Integer> counts = id == null ? null : SeverityColumns.read(rs);
    return new Entry(
        id,
        rs.getObject("job_id", UUID.class),
        rs.getString("state"),
        rs.getString("error"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        finishedAt == null ? null : finishedAt.toInstant(),
        ref(rs.getString("payload")),
        id == null ? null : rs.getString("source"),
        id == null ? null : rs.getInt("files_scanned"),
        id == null ? null : rs.getInt("score"),
        counts,
        id == null ? null : rs.getLong("duration_ms"),
        id == null ? null : "/api/v1/scans/" + id);
  }

  /** The ref the job asked for; a payload this version cannot read shows no ref. */
  private String ref(String payload) {
    try {
      return payloads.read(payload).source() instanceof ScanSource.GitRepository git
          ? git.ref()
          : null;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
