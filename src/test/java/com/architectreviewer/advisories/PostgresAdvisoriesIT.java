package com.architectreviewer.advisories;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.testsupport.PlatformTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@PlatformTest
class PostgresAdvisoriesIT {

  static final Path OSV = Path.of("src/test/resources/advisories/osv");
  static final Path PROJECTS = Path.of("src/test/resources/advisories/projects");

  @Autowired PostgresAdvisories postgres;
  @Autowired JdbcClient jdbc;

  @TempDir Path dir;

  /** Other test classes share this context and database: start and leave it without advisories. */
  @BeforeEach
  @AfterEach
  void empty() {
    jdbc.sql("DELETE FROM advisories").update();
    jdbc.sql("DELETE FROM advisory_imports").update();
  }

  @Test
  void importsIncrementallyByModifiedAndReportsStatus() throws Exception {
    ImportSummary first = postgres.importFrom(OSV);
    assertThat(first.added()).isEqualTo(11);
    assertThat(first.withdrawn()).isEqualTo(1);
    ImportSummary again = postgres.importFrom(OSV);
    assertThat(again.unchanged()).isEqualTo(11);
    assertThat(again.added() + again.updated()).isZero();

    StoreStatus status = postgres.status();
    assertThat(status.advisories()).isEqualTo(11);
    assertThat(status.lastImport()).isNotNull();
    assertThat(status.ecosystems().get("npm").advisories()).isEqualTo(7);
    assertThat(status.ecosystems().get("PyPI").advisories()).isEqualTo(2);

    Path newer = dir.resolve("newer.json");
    Files.writeString(
        newer,
        Files.readString(OSV.resolve("GHSA-35jh-r3h4-6jhm.json"))
            .replace("2024-01-01T00:00:00Z", "2025-06-01T00:00:00Z")
            .replace("\"name\": \"lodash\"", "\"name\": \"lodash-es\""));
    assertThat(postgres.importFrom(newer).updated()).isEqualTo(1);
    assertThat(postgres.indexFor(java.util.Set.of("npm lodash")).lookup("npm", "lodash")).isEmpty();
    assertThat(postgres.indexFor(java.util.Set.of("npm lodash-es")).lookup("npm", "lodash-es"))
        .hasSize(1);

    Path withdrawn = dir.resolve("withdrawn.json");
    Files.writeString(
        withdrawn,
        Files.readString(newer)
            .replace(
                "\"modified\": \"2025-06-01T00:00:00Z\",",
                "\"modified\": \"2025-07-01T00:00:00Z\", \"withdrawn\": \"2025-07-01T00:00:00Z\","));
    assertThat(postgres.importFrom(withdrawn).withdrawn()).isEqualTo(1);
    assertThat(postgres.size()).isEqualTo(10);
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM advisory_packages WHERE advisory_id = 'GHSA-35jh-r3h4-6jhm'")
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void auditThroughPostgresFindsWhatTheLocalStoreFinds() throws Exception {
    postgres.importFrom(OSV);
    var local = LocalAdvisoryStore.at(dir.resolve("store"), Clock.systemUTC());
    local.importFrom(OSV);
    for (String project : List.of("npm-v3", "maven", "requirements", "pnpm-v9", "workspace")) {
      AuditReport fromPostgres = new DependencyAudit(postgres).audit(PROJECTS.resolve(project));
      AuditReport fromLocal = new DependencyAudit(local.load()).audit(PROJECTS.resolve(project));
      assertThat(fromPostgres.findings()).as(project).isEqualTo(fromLocal.findings()).isNotEmpty();
      assertThat(fromPostgres.advisories()).isEqualTo(11);
    }
  }

  @Test
  void concurrentImportsAreSerialisedAndCountEachAdvisoryOnce() throws Exception {
    var a = CompletableFuture.supplyAsync(() -> importQuietly());
    var b = CompletableFuture.supplyAsync(() -> importQuietly());
    ImportSummary x = a.get();
    ImportSummary y = b.get();
    assertThat(x.added() + y.added()).isEqualTo(11);
    assertThat(x.unchanged() + y.unchanged()).isEqualTo(11);
    assertThat(postgres.size()).isEqualTo(11);
  }

  @Test
  void anEmptyDatabaseSaysNothingIsImported() throws Exception {
    assertThat(postgres.size()).isZero();
    assertThat(postgres.status().lastImport()).isNull();
    AuditReport report = new DependencyAudit(postgres).audit(PROJECTS.resolve("npm-v3"));
    assertThat(report.advisoriesImported()).isFalse();
  }

  private ImportSummary importQuietly() {
    try {
      return postgres.importFrom(OSV);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
