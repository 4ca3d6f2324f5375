package com.architectreviewer.portfolio;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Registers ingested repositories, one per normalised URL or real path within a tenant: an ingest
 * of a repository the tenant already has reuses it.
 */
@Repository
class IngestRegistry {

  private static final String ALL =
      "SELECT id, name, url, path, branch FROM repositories WHERE tenant_id = :tenantId";
  private static final String UPDATE_BRANCH =
      "UPDATE repositories SET branch = :branch WHERE tenant_id = :tenantId AND id = :id";
  private static final String INSERT =
      """
      INSERT INTO repositories (id, tenant_id, name, url, path, branch, tags, created_at)
      VALUES (:id, :tenantId, :name, :url, :path, :branch, :tags, :createdAt)
      ON CONFLICT ON CONSTRAINT repositories_name_per_tenant DO NOTHING
      """;

  private final JdbcClient jdbc;

  IngestRegistry(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The tenant's repositories by identity ({@link IngestItem#identity()}), their branches and their
   * names.
   */
  Known known(UUID tenantId) {
    var byIdentity = new HashMap<String, UUID>();
    var branches = new HashMap<UUID, String>();
    var names = new java.util.HashSet<String>();
    jdbc.sql(ALL)
        .param("tenantId", tenantId)
        .query(rs -> {
          String url = rs.getString("url");
          String identity =
              url != null ? RepositoryUrls.normalise(url) : "path:" + rs.getString("path");
          UUID id = rs.getObject("id", UUID.class);
          byIdentity.putIfAbsent(identity, id);
          branches.put(id, rs.getString("branch"));
          names.add(rs.getString("name"));
        });
    return new Known(byIdentity, branches, names);
  }

  /** Inserts the item under its name, or the first free {@code name-2}, {@code name-3}... */
  UUID insert(UUID tenantId, IngestItem item, Known known, Instant now) {
    UUID id = UUID.randomUUID();
    for (int n = 1; n < 1000; n++) {
      String name = n == 1 ? item.name() : item.name() + "-" + n;
      if (known.names().contains(name)) {
        continue;
      }
      int inserted =
          jdbc.sql(INSERT)
              .param("id", id)
              .param("tenantId", tenantId)
              .param("name", name)
              .param("url", item.url())
              .param("path", item.path())
              .param("branch", item.branch())
              .param("tags", item.tags().toArray(String[]::new))
              .param("createdAt", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
              .update();
      known.names().add(name);
      if (inserted == 1) {
        known.byIdentity().put(item.identity(), id);
        known.branches().put(id, item.branch());
        return id;
      }
    }
    throw new IllegalStateException("No free repository name for " + item.name());
  }

  /**
   * Saves the branch an ingest names for a repository the tenant already has; false when the
   * repository has that branch already (or the ingest names none: the repository keeps its own).
   */
  boolean updateBranch(UUID tenantId, UUID id, String branch, Known known) {
    if (branch == null || branch.equals(known.branches().get(id))) {
      return false;
    }
    jdbc.sql(UPDATE_BRANCH)
        .param("tenantId", tenantId)
        .param("id", id)
        .param("branch", branch)
        .update();
    known.branches().put(id, branch);
    return true;
  }

  record Known(
      Map<String, UUID> byIdentity, Map<UUID, String> branches, java.util.Set<String> names) {
    List<String> sortedNames() {
      return names.stream().sorted().toList();
    }
  }
}
