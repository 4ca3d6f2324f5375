package com.architectreviewer.portfolio;

import com.architectreviewer.security.PageCursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code repositories} table. Every statement is scoped by the tenant. */
@Repository
class Repositories {

  private static final String INSERT =
      """
      INSERT INTO repositories (id, tenant_id, name, url, path, branch, created_at)
      VALUES (:id, :tenantId, :name, :url, :path, :branch, :createdAt)
      """;
  private static final String FIRST_PAGE =
      """
      SELECT id, name, url, path, branch, created_at FROM repositories
      WHERE tenant_id = :tenantId
      ORDER BY created_at DESC, id DESC
      LIMIT :limit
      """;
  private static final String NEXT_PAGE =
      """
      SELECT id, name, url, path, branch, created_at FROM repositories
      WHERE tenant_id = :tenantId AND (created_at, id) < (:createdAt, :id)
      ORDER BY created_at DESC, id DESC
      LIMIT :limit
      """;
  private static final String FIND =
      """
      SELECT id, name, url, path, branch, created_at FROM repositories
      WHERE tenant_id = :tenantId AND id = :id
      """;
  private static final String DELETE =
      "DELETE FROM repositories WHERE tenant_id = :tenantId AND id = :id";

  private final JdbcClient jdbc;

  Repositories(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts the repository; a duplicate name within the tenant throws DuplicateKeyException. */
  RepositoryView insert(
      UUID tenantId, String name, String url, String path, String branch, Instant now) {
    var id = UUID.randomUUID();
    // Microsecond precision, as PostgreSQL stores it, so cursors round-trip exactly.
    Instant createdAt = now.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    jdbc.sql(INSERT)
        .param("id", id)
        .param("tenantId", tenantId)
        .param("name", name)
        .param("url", url)
        .param("path", path)
        .param("branch", branch)
        .param("createdAt", utc(createdAt))
        .update();
    return new RepositoryView(id, name, url, path, branch, createdAt, null);
  }

  /** Up to {@code limit} repositories after the cursor (null: from the newest). */
  List<RepositoryView> page(UUID tenantId, PageCursor after, int limit) {
    var statement =
        after == null
            ? jdbc.sql(FIRST_PAGE)
            : jdbc.sql(NEXT_PAGE)
                .param("createdAt", utc(after.createdAt()))
                .param("id", after.id());
    return statement
        .param("tenantId", tenantId)
        .param("limit", limit)
        .query(Repositories::view)
        .list();
  }

  Optional<RepositoryView> find(UUID tenantId, UUID id) {
    return jdbc.sql(FIND)
        .param("tenantId", tenantId)
        .param("id", id)
        .query(Repositories::view)
        .optional();
  }

  boolean delete(UUID tenantId, UUID id) {
    return jdbc.sql(DELETE).param("tenantId", tenantId).param("id", id).update() == 1;
  }

  private static RepositoryView view(ResultSet rs, int row) throws SQLException {
    return new RepositoryView(
        rs.getObject("id", UUID.class),
        rs.getString("name"),
        rs.getString("url"),
        rs.getString("path"),
        rs.getString("branch"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        null);
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
