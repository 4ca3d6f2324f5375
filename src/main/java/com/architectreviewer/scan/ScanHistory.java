package com.architectreviewer.scan;

import com.architectreviewer.security.PageCursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The scans of one registered repository, newest first, with keyset pagination. Every statement is
 * scoped by the tenant; whether the repository itself belongs to the tenant is the caller's check.
 */
@Service
public class ScanHistory {

  private static final List<String> SEVERITIES =
      List.of("critical", "high", "medium", "low", "info");
  private static final String FIRST_PAGE =
      """
      SELECT s.id, s.job_id, s.source, s.files_scanned, s.score, s.duration_ms, s.created_at,
             s.critical, s.high, s.medium, s.low, s.info, j.state, j.payload
      FROM scans s LEFT JOIN jobs j ON j.id = s.job_id AND j.tenant_id = s.tenant_id
      WHERE s.tenant_id = :tenantId AND s.repository_id = :repositoryId
      ORDER BY s.created_at DESC, s.id DESC
      LIMIT :limit
      """;
  private static final String NEXT_PAGE =
      """
      SELECT s.id, s.job_id, s.source, s.files_scanned, s.score, s.duration_ms, s.created_at,
             s.critical, s.high, s.medium, s.low, s.info, j.state, j.payload
      FROM scans s LEFT JOIN jobs j ON j.id = s.job_id AND j.tenant_id = s.tenant_id
      WHERE s.tenant_id = :tenantId AND s.repository_id = :repositoryId
        AND (s.created_at, s.id) < (:createdAt, :id)
      ORDER BY s.created_at DESC, s.id DESC
      LIMIT :limit
      """;

  private final JdbcClient jdbc;
  private final ScanPayloads payloads;

  ScanHistory(JdbcClient jdbc, ScanPayloads payloads) {
    this.jdbc = jdbc;
    this.payloads = payloads;
  }

  /**
   * One scan of a repository as the history shows it.
   *
   * @param state the state of the scan's job ({@code succeeded} for every stored scan, unless the
   *     job was re-run since)
   * @param ref the git branch, tag or commit asked for, or null (default branch, or not git)
   * @param counts findings by severity ({@code critical, high, medium, low, info})
   * @param url the scan's own resource, {@code /api/v1/scans/{id}}
   */
  public record Entry(
      UUID id,
      UUID jobId,
      String state,
      Instant createdAt,
      String ref,
      String source,
      int filesScanned,
      int score,
      Map<String, Integer> counts,
      long durationMs,
      String url) {}

  /**
   * Up to {@code limit} scans of the repository after the cursor (null: from the newest).
   *
   * @param after the {@code (createdAt, id)} of the last entry of the previous page, or null
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
        .param("repositoryId", repositoryId)
        .param("limit", limit)
        .query(this::entry)
        .list();
  }

  private Entry entry(ResultSet rs, int row) throws SQLException {
    var counts = new LinkedHashMap<String, Integer>();
    for (String severity : SEVERITIES) {
      counts.put(severity, rs.getInt(severity));
    }
    UUID id = rs.getObject("id", UUID.class);
    String state = rs.getString("state");
    return new Entry(
        id,
        rs.getObject("job_id", UUID.class),
        state == null ? "succeeded" : state,
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        ref(rs.getString("payload")),
        rs.getString("source"),
        rs.getInt("files_scanned"),
        rs.getInt("score"),
        counts,
        rs.getLong("duration_ms"),
        "/api/v1/scans/" + id);
  }

  /** The ref the job asked for; a payload this version cannot read shows no ref. */
  private String ref(String payload) {
    if (payload == null) {
      return null;
    }
    try {
      return payloads.read(payload).source() instanceof ScanSource.GitRepository git
          ? git.ref()
          : null;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
