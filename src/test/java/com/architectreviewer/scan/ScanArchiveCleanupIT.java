package com.architectreviewer.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.jobs.Jobs;
import com.architectreviewer.security.ApiKeys;
import com.architectreviewer.testsupport.PlatformTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Stored uploads go when their job succeeds; the archive of a failed or cancelled job stays for a
 * retry until the sweep deletes it, the retention after the job finished. The sweep also deletes
 * old archives without a job. No workers run here, so jobs stay queued until the test moves them
 * (ScanArchiveRetryIT runs retries on workers).
 */
@PlatformTest
@TestPropertySource(
    properties = {"db-scheduler.enabled=false", "reviewer.jobs.workers-enabled=false"})
class ScanArchiveCleanupIT {

  @Autowired ScanUploads uploads;
  @Autowired ScanStore store;
  @Autowired Jobs jobs;
  @Autowired ApiKeys apiKeys;
  @Autowired JdbcClient jdbc;

  UUID tenant;

  @BeforeEach
  void tenant() {
    tenant = apiKeys.ensureTenant("archives-" + UUID.randomUUID());
  }

  @Test
  void anArchiveIsTiedToItsJobAndStaysWhenTheJobIsCancelled() {
    var accepted = upload();
    assertThat(archivesOfJob(accepted)).isEqualTo(1);

    jobs.cancel(tenant, accepted);

    assertThat(archivesOfJob(accepted)).isEqualTo(1);
    // ... until the job goes.
    jdbc.sql("DELETE FROM jobs WHERE id = :id").param("id", accepted).update();
    assertThat(archivesOfTenant()).isZero();
  }

  @Test
  void anArchiveGoesWhenItsJobSucceedsAndStaysWhenItFailsOrWaitsForARetry() {
    var failing = upload();
    // A failed attempt with a retry to come puts the job back in the queue: the archive stays.
    setState(failing, "running");
    setState(failing, "queued");
    assertThat(archivesOfJob(failing)).isEqualTo(1);
    setState(failing, "running");
    setState(failing, "failed");
    assertThat(archivesOfJob(failing)).isEqualTo(1);
    // Retried, it runs again and succeeds: now the archive goes.
    jobs.retry(tenant, failing);
    assertThat(archivesOfJob(failing)).isEqualTo(1);
    setState(failing, "running");
    setState(failing, "succeeded");
    assertThat(archivesOfJob(failing)).isZero();

    var succeeding = upload();
    setState(succeeding, "running");
    setState(succeeding, "succeeded");
    assertThat(archivesOfJob(succeeding)).isZero();
  }

  @Test
  void theSweepDeletesOldArchivesThatNoActiveJobNeeds() {
    Instant now = Instant.now();
    Instant longAgo = now.minus(Duration.ofHours(30));
    Instant recently = now.minus(Duration.ofHours(1));
    UUID oldOrphan = storeArchive(longAgo);
    UUID freshOrphan = storeArchive(recently);
    var queued = upload();
    uploadedAt(queued, longAgo);
    // Cancelled long ago: its retention is over.
    var cancelledLongAgo = upload();
    jobs.cancel(tenant, cancelledLongAgo);
    uploadedAt(cancelledLongAgo, longAgo);
    finishedAt(cancelledLongAgo, longAgo);
    // Failed long ago although uploaded recently (the age counts from the job's end either way).
    var failedLongAgo = upload();
    setState(failedLongAgo, "running");
    setState(failedLongAgo, "failed");
    finishedAt(failedLongAgo, longAgo);
    // Uploaded long ago (it waited in the queue), failed or cancelled recently: kept for a retry.
    var failedRecently = upload();
    setState(failedRecently, "running");
    setState(failedRecently, "failed");
    uploadedAt(failedRecently, longAgo);
    finishedAt(failedRecently, recently);
    var cancelledRecently = upload();
    jobs.cancel(tenant, cancelledRecently);
    uploadedAt(cancelledRecently, longAgo);
    // Retried after its retention ran out but before the sweep: queued again, so it stays.
    var retried = upload();
    jobs.cancel(tenant, retried);
    uploadedAt(retried, longAgo);
    finishedAt(retried, longAgo);
    jobs.retry(tenant, retried);

    int deleted = store.sweepArchives(now.minus(Duration.ofHours(24)));

    assertThat(deleted).isGreaterThanOrEqualTo(3);
    assertThat(exists(oldOrphan)).isFalse();
    assertThat(archivesOfJob(cancelledLongAgo)).isZero();
    assertThat(archivesOfJob(failedLongAgo)).isZero();
    assertThat(exists(freshOrphan)).isTrue();
    assertThat(archivesOfJob(queued)).isEqualTo(1);
    assertThat(archivesOfJob(failedRecently)).isEqualTo(1);
    assertThat(archivesOfJob(cancelledRecently)).isEqualTo(1);
    assertThat(archivesOfJob(retried)).isEqualTo(1);
  }

  @Test
  void theRecurringTaskSweepsWithTheConfiguredRetention(
      @Autowired ScanProperties properties,
      @Autowired
          com.github.kagkarlsson.scheduler.task.helper.RecurringTask<Void> scanArchiveSweep) {
    assertThat(properties.archiveRetention()).isEqualTo(Duration.ofHours(24));
    assertThat(properties.archiveSweepInterval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(scanArchiveSweep.getName()).isEqualTo(ArchiveSweep.TASK_NAME);
    UUID oldOrphan = storeArchive(Instant.now().minus(Duration.ofHours(25)));
    UUID freshOrphan = storeArchive(Instant.now().minus(Duration.ofHours(23)));

    scanArchiveSweep.executeRecurringly(
        scanArchiveSweep.instance(
            com.github.kagkarlsson.scheduler.task.helper.RecurringTask.INSTANCE),
        null);

    assertThat(exists(oldOrphan)).isFalse();
    assertThat(exists(freshOrphan)).isTrue();
  }

  private UUID upload() {
    byte[] zip = Archives.zip(z -> z.file("app.js", "export const x = 1;\n".getBytes()));
    return uploads.accept(tenant, "app.zip", zip, null).jobId();
  }

  private UUID storeArchive(Instant createdAt) {
    UUID id = UUID.randomUUID();
    store.saveArchive(id, tenant, "orphan.zip", ArchiveFormat.ZIP, new byte[] {1, 2}, createdAt);
    return id;
  }

  private void uploadedAt(UUID job, Instant at) {
    jdbc.sql("UPDATE scan_archives SET created_at = :at WHERE job_id = :job")
        .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
        .param("job", job)
        .update();
  }

  private void finishedAt(UUID job, Instant at) {
    jdbc.sql("UPDATE jobs SET finished_at = :at WHERE id = :id")
        .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
        .param("id", job)
        .update();
  }

  private void setState(UUID job, String state) {
    jdbc.sql("UPDATE jobs SET state = :state WHERE id = :id")
        .param("state", state)
        .param("id", job)
        .update();
  }

  private long archivesOfJob(UUID job) {
    return jdbc.sql("SELECT count(*) FROM scan_archives WHERE job_id = :job")
        .param("job", job)
        .query(Long.class)
        .single();
  }

  private long archivesOfTenant() {
    return jdbc.sql("SELECT count(*) FROM scan_archives WHERE tenant_id = :t")
        .param("t", tenant)
        .query(Long.class)
        .single();
  }

  private boolean exists(UUID archive) {
    return jdbc.sql("SELECT count(*) FROM scan_archives WHERE id = :id")
            .param("id", archive)
            .query(Long.class)
            .single()
        == 1;
  }
}
