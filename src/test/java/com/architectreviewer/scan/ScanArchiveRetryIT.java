package com.architectreviewer.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.architectreviewer.jobs.Jobs;
import com.architectreviewer.security.ApiKeys;
import com.architectreviewer.security.Caller;
import com.architectreviewer.testsupport.PlatformTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/v1/jobs/{id}/retry} of a failed or cancelled upload scan, on real workers: the
 * archive is kept for it until the retention after the job's end has passed, then swept, and a
 * retry after that fails with a clear message. Jobs reach their final state before any worker can
 * start them: the upload and what ends it happen in one transaction.
 */
@PlatformTest
class ScanArchiveRetryIT {

  static final Duration RETENTION = ScanProperties.DEFAULT_ARCHIVE_RETENTION;

  @Autowired TestRestTemplate http;
  @Autowired ScanUploads uploads;
  @Autowired ScanStore store;
  @Autowired Jobs jobs;
  @Autowired ApiKeys apiKeys;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transactions;
  @Autowired ObjectMapper json;

  UUID tenant;
  String key;

  @BeforeEach
  void tenant() {
    tenant = apiKeys.ensureTenant("archive-retry-" + UUID.randomUUID());
    key = apiKeys.createKey(tenant, Caller.Role.MEMBER);
  }

  @Test
  void aCancelledUploadScanKeepsItsArchiveAndARetryScansItThenTheArchiveGoes() {
    // Cancelled while queued, never started.
    UUID job =
        transactions.execute(tx -> {
          UUID id = upload();
          jobs.cancel(tenant, id);
          return id;
        });
    assertThat(state(job).path("state").asString()).isEqualTo("cancelled");
    assertThat(archivesOfJob(job)).isEqualTo(1);
    // Uploaded long ago (say it waited in the queue) but cancelled just now: the sweep keeps it.
    jdbc.sql("UPDATE scan_archives SET created_at = :at WHERE job_id = :job")
        .param("at", ts(Instant.now().minus(RETENTION).minus(Duration.ofHours(6))))
        .param("job", job)
        .update();
    store.sweepArchives(Instant.now().minus(RETENTION));
    assertThat(archivesOfJob(job)).isEqualTo(1);

    var retry = post("/api/v1/jobs/" + job + "/retry");
    assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

    JsonNode done = awaitFinished(job);
    assertThat(done.path("state").asString()).as(done.toString()).isEqualTo("succeeded");
    assertThat(done.path("error").isNull()).as(done.toString()).isTrue();
    String scanUrl = done.path("resultUrl").asString();
    assertThat(scanUrl).startsWith("/api/v1/scans/");
    JsonNode scan = json.readTree(get(scanUrl).getBody());
    assertThat(scan.path("filesScanned").asInt()).as(scan.toString()).isEqualTo(1);
    assertThat(scansOfJob(job)).isEqualTo(1);
    assertThat(archivesOfJob(job)).isZero();
  }

  @Test
  void anUploadScanThatFailedKeepsItsArchiveAndARetryScansIt() {
    byte[] original = zip();
    // A stand-in for an attempt that fails for good: the upload check only lets through archives
    // that extract, so the stored copy is damaged before a worker sees the job.
    UUID job =
        transactions.execute(tx -> {
          UUID id = uploads.accept(tenant, "app.zip", original, null).jobId();
          storedContent(id, new byte[] {'P', 'K', 0, 0});
          return id;
        });
    JsonNode failed = awaitFinished(job);
    assertThat(failed.path("state").asString()).as(failed.toString()).isEqualTo("failed");
    assertThat(failed.path("error").asString()).contains("damaged");
    assertThat(archivesOfJob(job)).isEqualTo(1);

    storedContent(job, original);
    assertThat(post("/api/v1/jobs/" + job + "/retry").getStatusCode())
        .isEqualTo(HttpStatus.ACCEPTED);

    JsonNode done = awaitFinished(job);
    assertThat(done.path("state").asString()).as(done.toString()).isEqualTo("succeeded");
    assertThat(done.path("resultUrl").asString()).startsWith("/api/v1/scans/");
    assertThat(scansOfJob(job)).isEqualTo(1);
    assertThat(archivesOfJob(job)).isZero();
  }

  @Test
  void afterTheRetentionTheSweepDeletesTheArchiveAndARetryFailsWithAClearMessage() {
    UUID job =
        transactions.execute(tx -> {
          UUID id = upload();
          jobs.cancel(tenant, id);
          return id;
        });
    UUID archive = archiveOfJob(job);
    // Cancelled (and uploaded) longer ago than the retention.
    Instant longAgo = Instant.now().minus(RETENTION).minus(Duration.ofHours(1));
    jdbc.sql("UPDATE jobs SET finished_at = :at WHERE id = :id")
        .param("at", ts(longAgo))
        .param("id", job)
        .update();
    jdbc.sql("UPDATE scan_archives SET created_at = :at WHERE id = :id")
        .param("at", ts(longAgo))
        .param("id", archive)
        .update();

    assertThat(store.sweepArchives(Instant.now().minus(RETENTION))).isGreaterThanOrEqualTo(1);
    assertThat(archivesOfJob(job)).isZero();

    assertThat(post("/api/v1/jobs/" + job + "/retry").getStatusCode())
        .isEqualTo(HttpStatus.ACCEPTED);
    JsonNode failed = awaitFinished(job);
    assertThat(failed.path("state").asString()).as(failed.toString()).isEqualTo("failed");
    assertThat(failed.path("error").asString())
        .isEqualTo("The uploaded archive of this scan no longer exists.");
    assertThat(failed.path("attempts").asInt()).isEqualTo(1);
    assertThat(scansOfJob(job)).isZero();
  }

  private static byte[] zip() {
    return Archives.zip(z -> z.file("app.js", "export const x = 1;\n".getBytes()));
  }

  private UUID upload() {
    return uploads.accept(tenant, "app.zip", zip(), null).jobId();
  }

  private void storedContent(UUID job, byte[] content) {
    assertThat(
            jdbc.sql("UPDATE scan_archives SET content = :content WHERE job_id = :job")
                .param("content", content)
                .param("job", job)
                .update())
        .isEqualTo(1);
  }

  private UUID archiveOfJob(UUID job) {
    return jdbc.sql("SELECT id FROM scan_archives WHERE job_id = :job")
        .param("job", job)
        .query(UUID.class)
        .single();
  }

  private long archivesOfJob(UUID job) {
    return jdbc.sql("SELECT count(*) FROM scan_archives WHERE job_id = :job")
        .param("job", job)
        .query(Long.class)
        .single();
  }

  private long scansOfJob(UUID job) {
    return jdbc.sql("SELECT count(*) FROM scans WHERE job_id = :job")
        .param("job", job)
        .query(Long.class)
        .single();
  }

  private JsonNode awaitFinished(UUID job) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> state(job).path("state").asString().matches("succeeded|failed|cancelled"));
    return state(job);
  }

  private JsonNode state(UUID job) {
    return json.readTree(get("/api/v1/jobs/" + job).getBody());
  }

  private ResponseEntity<String> get(String path) {
    return exchange(HttpMethod.GET, path);
  }

  private ResponseEntity<String> post(String path) {
    return exchange(HttpMethod.POST, path);
  }

  private ResponseEntity<String> exchange(HttpMethod method, String path) {
    var headers = new HttpHeaders();
    headers.setBearerAuth(key);
    return http.exchange(path, method, new HttpEntity<>(null, headers), String.class);
  }

  private static OffsetDateTime ts(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
