package com.architectreviewer.scan;

import com.architectreviewer.jobs.IdempotencyKeyReused;
import com.architectreviewer.jobs.JobAccepted;
import com.architectreviewer.jobs.Jobs;
import com.architectreviewer.jobs.NewJob;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Asks for scans: each request becomes a durable {@code scan} job, enqueued in the caller's
 * transaction. This is what the API's scan endpoints call.
 */
@Service
public class ScanRequests {

  static final String KIND = "scan";

  private final Jobs jobs;
  private final ScanPayloads payloads;
  private final SourcePolicy sources;

  ScanRequests(Jobs jobs, ScanPayloads payloads, SourcePolicy sources) {
    this.jobs = jobs;
    this.payloads = payloads;
    this.sources = sources;
  }

  /**
   * Enqueues a scan job.
   *
   * @param tenantId the caller's tenant
   * @param repositoryId the registered repository being scanned, or null (uploads)
   * @param source where the code comes from
   * @param idempotencyKey the client's {@code Idempotency-Key}, or null
   * @param requestHash hash of the request body (any stable digest); required with a key
   * @return the job: new, or the earlier one of the same key and body
   * @throws IdempotencyKeyReused the key was used with another body (answer 422)
   * @throws SourceNotAllowed the source is not allowed on this server (answer 422)
   */
  @Transactional
  public JobAccepted request(
      UUID tenantId,
      UUID repositoryId,
      ScanSource source,
      String idempotencyKey,
      String requestHash) {
    sources.check(source);
    String payload = payloads.write(new ScanPayload(repositoryId, source));
    return jobs.enqueue(new NewJob(tenantId, KIND, payload, idempotencyKey, requestHash, 0, null));
  }

  /**
   * Enqueues a scan as the child of another job (a portfolio ingest), so that the jobs API links
   * them and the parent can follow its children.
   *
   * @param parentId the parent job
   * @param idempotencyKey makes a re-run of the parent find the child it already enqueued
   */
  @Transactional
  public JobAccepted requestChild(
      UUID tenantId,
      UUID repositoryId,
      ScanSource source,
      UUID parentId,
      String idempotencyKey,
      String requestHash) {
    sources.check(source);
    String payload = payloads.write(new ScanPayload(repositoryId, source));
    return jobs.enqueue(
        new NewJob(tenantId, KIND, payload, idempotencyKey, requestHash, 0, parentId));
  }
}
