package com.architectreviewer.advisories;

import com.architectreviewer.advisories.osv.Advisory;
import com.architectreviewer.advisories.osv.OsvParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The platform's advisory database in PostgreSQL: import (incremental by {@code modified}, one
 * transaction, one import at a time), status, and the {@link AdvisoryCatalog} that scans use, which
 * loads only the advisories of the packages a project has. The parsing and matching stay in the
 * plain-Java core; this class only stores and fetches.
 */
@Component
public class PostgresAdvisories implements AdvisoryCatalog {

  private static final String LOCK =
      "SELECT pg_advisory_xact_lock(hashtext('reviewer.advisories'))";
  private static final String MODIFIED = "SELECT id, modified FROM advisories";
  private static final String UPSERT =
      """
      INSERT INTO advisories (id, modified, document, imported_at)
      VALUES (?, ?, ?::jsonb, ?)
      ON CONFLICT (id) DO UPDATE
      SET modified = EXCLUDED.modified, document = EXCLUDED.document,
          imported_at = EXCLUDED.imported_at
      """;
  private static final String DELETE_PACKAGES =
      "DELETE FROM advisory_packages WHERE advisory_id = ?";
  private static final String INSERT_PACKAGE =
      """
      INSERT INTO advisory_packages (package_key, ecosystem, advisory_id) VALUES (?, ?, ?)
      ON CONFLICT DO NOTHING
      """;
  private static final String DELETE = "DELETE FROM advisories WHERE id = ?";
  private static final String RECORD_IMPORT =
      """
      INSERT INTO advisory_imports (finished_at, read, added, updated, unchanged, withdrawn)
      VALUES (:finishedAt, :read, :added, :updated, :unchanged, :withdrawn)
      """;
  private static final String COUNT = "SELECT count(*) FROM advisories";
  private static final String LAST_IMPORT = "SELECT max(finished_at) FROM advisory_imports";
  private static final String PER_ECOSYSTEM =
      """
      SELECT p.ecosystem, count(DISTINCT p.advisory_id) AS advisories, max(a.modified) AS newest
      FROM advisory_packages p JOIN advisories a ON a.id = p.advisory_id
      GROUP BY p.ecosystem
      """;
  private static final String FOR_PACKAGES =
      """
      SELECT a.document::text FROM advisories a
      WHERE a.id IN (SELECT advisory_id FROM advisory_packages WHERE package_key = ANY(:keys))
      """;
  private static final int BATCH = 1000;

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final TransactionTemplate transactions;
  private final Clock clock;

  PostgresAdvisories(
      JdbcClient jdbc,
      JdbcTemplate template,
      TransactionTemplate transactions,
      ObjectProvider<Clock> clock) {
    this.jdbc = jdbc;
    this.template = template;
    this.transactions = transactions;
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  /** Imports a folder of OSV JSON files, one JSON file, or an ecosystem's {@code all.zip}. */
  public ImportSummary importFrom(Path source) throws IOException, UnreadableAdvisories {
    long start = System.nanoTime();
    var incoming = new LinkedHashMap<String, Pending>();
    var warnings = new ArrayList<String>();
    try {
      new OsvSource()
          .read(
              source,
              (advisory, json) -> incoming.put(advisory.id(), new Pending(advisory, json)),
              warnings);
    } catch (OsvSource.UnreadableSource e) {
      throw new UnreadableAdvisories(e.getMessage());
    }
    int[] counts = transactions.execute(status -> store(incoming.values()));
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new ImportSummary(
        incoming.size(), counts[0], counts[1], counts[2], counts[3], warnings, millis);
  }

  private record Pending(Advisory advisory, byte[] json) {}

  /** Returns added, updated, unchanged, withdrawn. */
  private int[] store(java.util.Collection<Pending> incoming) {
    jdbc.sql(LOCK).query().singleRow();
    Map<String, Instant> stored = new HashMap<>();
    jdbc.sql(MODIFIED)
        .query((rs, n) -> stored.put(rs.getString(1), rs.getTimestamp(2).toInstant()))
        .list();
    Timestamp now = Timestamp.from(clock.instant());
    var upserts = new ArrayList<Object[]>();
    var packages = new ArrayList<Object[]>();
    var stale = new ArrayList<Object[]>();
    var removed = new ArrayList<Object[]>();
    int added = 0;
    int updated = 0;
    int unchanged = 0;
    int withdrawn = 0;
    for (Pending p : incoming) {
      Advisory a = p.advisory();
      Instant existing = stored.get(a.id());
      if (a.isWithdrawn()) {
        withdrawn++;
        if (existing != null) {
          removed.add(new Object[] {a.id()});
        }
        continue;
      }
      if (existing != null && !a.modified().isAfter(existing)) {
        unchanged++;
        continue;
      }
      if (existing == null) {
        added++;
      } else {
        updated++;
        stale.add(new Object[] {a.id()});
      }
      upserts.add(
          new Object[] {
            a.id(), Timestamp.from(a.modified()), new String(p.json(), StandardCharsets.UTF_8), now
          });
      for (Advisory.Affected affected : a.affected()) {
        packages.add(
            new Object[] {
              AdvisoryIndex.key(affected.ecosystem(), affected.name()), affected.ecosystem(), a.id()
            });
      }
    }
    batch(DELETE, removed);
    batch(DELETE_PACKAGES, stale);
    batch(UPSERT, upserts);
    batch(INSERT_PACKAGE, packages);
    jdbc.sql(RECORD_IMPORT)
        .param("finishedAt", now)
        .param("read", incoming.size())
        .param("added", added)
        .param("updated", updated)
        .param("unchanged", unchanged)
        .param("withdrawn", withdrawn)
        .update();
    return new int[] {added, updated, unchanged, withdrawn};
  }

  private void batch(String sql, List<Object[]> rows) {
    for (int from = 0; from < rows.size(); from += BATCH) {
      template.batchUpdate(sql, rows.subList(from, Math.min(rows.size(), from + BATCH)));
    }
  }

  public StoreStatus status() {
    Timestamp last = jdbc.sql(LAST_IMPORT).query(Timestamp.class).optional().orElse(null);
    int total = jdbc.sql(COUNT).query(Integer.class).single();
    var ecosystems = new TreeMap<String, StoreStatus.EcosystemCount>();
    jdbc.sql(PER_ECOSYSTEM)
        .query((rs, n) ->
            ecosystems.put(
                rs.getString("ecosystem"),
                new StoreStatus.EcosystemCount(
                    rs.getInt("advisories"), rs.getTimestamp("newest").toInstant())))
        .list();
    return new StoreStatus("PostgreSQL", last == null ? null : last.toInstant(), total, ecosystems);
  }

  @Override
  public int size() {
    return jdbc.sql(COUNT).query(Integer.class).single();
  }

  @Override
  public AdvisoryIndex indexFor(Set<String> packages) throws IOException {
    if (packages.isEmpty()) {
      return AdvisoryIndex.empty();
    }
    var parser = new OsvParser();
    var advisories = new ArrayList<Advisory>();
    List<String> documents =
        jdbc.sql(FOR_PACKAGES)
            .param("keys", packages.toArray(String[]::new))
            .query(String.class)
            .list();
    for (String document : documents) {
      try {
        advisories.add(parser.parse(document.getBytes(StandardCharsets.UTF_8)));
      } catch (OsvParser.NotAnAdvisory e) {
        throw new IOException("a stored advisory no longer parses: " + e.getMessage(), e);
      }
    }
    return AdvisoryIndex.of(advisories);
  }
}
