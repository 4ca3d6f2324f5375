package com.architectreviewer.portfolio;

import com.architectreviewer.scan.RepositoryScans;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads of the portfolio: repositories (this module's table) with their scans, which come from the
 * scan module's {@link RepositoryScans} in one statement for all repositories.
 */
@Repository
class PortfolioQueries {

  private static final String REPOSITORIES =
      """
      SELECT r.id, r.name, r.url, r.path, r.branch, r.tags
      FROM repositories r WHERE r.tenant_id = :tenantId
      ORDER BY r.name
      """;

  private final JdbcClient jdbc;
  private final RepositoryScans scans;

  PortfolioQueries(JdbcClient jdbc, RepositoryScans scans) {
    this.jdbc = jdbc;
    this.scans = scans;
  }

  List<PortfolioView.Entry> overview(UUID tenantId) {
    Map<UUID, RepositoryScans.Summary> summaries = scans.summaries(tenantId);
    return jdbc.sql(REPOSITORIES)
        .param("tenantId", tenantId)
        .query((rs, row) -> entry(rs, summaries.get(rs.getObject("id", UUID.class))))
        .list();
  }

  /** Repositories that have at least one scan: id → name, ordered by name. */
  Map<UUID, String> scannedRepositories(UUID tenantId) {
    Set<UUID> ids = scans.scanned(tenantId);
    var scanned = new LinkedHashMap<UUID, String>();
    if (ids.isEmpty()) {
      return scanned;
    }
    jdbc.sql(REPOSITORIES)
        .param("tenantId", tenantId)
        .query(rs -> {
          UUID id = rs.getObject("id", UUID.class);
          if (ids.contains(id)) {
            scanned.put(id, rs.getString("name"));
          }
        });
    return scanned;
  }

  List<StrategyPlanner.ScannedFinding> latestFindings(UUID tenantId) {
    return scans.latestFindings(tenantId).stream()
        .map(f ->
            new StrategyPlanner.ScannedFinding(
                f.repositoryId(), f.rule(), f.severity(), f.confidence(), f.file(), f.line()))
        .toList();
  }

  private static PortfolioView.Entry entry(ResultSet rs, RepositoryScans.Summary summary)
      throws SQLException {
    PortfolioView.LatestScan latest = null;
    if (summary != null && summary.latest() != null) {
      var scan = summary.latest();
      int findings = scan.findings();
      latest =
          new PortfolioView.LatestScan(
              scan.id(),
              "/api/v1/scans/" + scan.id(),
              scan.score(),
              scan.counts(),
              findings,
              scan.createdAt(),
              PortfolioView.Trend.of(
                  scan.score(), findings, summary.previousScore(), summary.previousFindings()));
    }
    return new PortfolioView.Entry(
        rs.getObject("id", UUID.class),
        rs.getString("name"),
        rs.getString("url"),
        rs.getString("path"),
        rs.getString("branch"),
        tags(rs.getArray("tags")),
        summary == null ? null : summary.jobState(),
        summary == null ? null : summary.jobProgress(),
        latest);
  }

  private static List<String> tags(Array array) throws SQLException {
    return array == null ? List.of() : List.of((String[]) array.getArray());
  }
}
