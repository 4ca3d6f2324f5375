package com.architectreviewer.jobs;

import java.util.Objects;
import java.util.UUID;

/**
 * A job to enqueue.
 *
 * @param tenantId owner of the job; every read of it is scoped by this tenant
 * @param kind name of the {@link JobHandler} that runs it
 * @param payload the handler's input, as JSON text
 * @param idempotencyKey the client's {@code Idempotency-Key}, or null
 * @param requestHash a hash of the request body; a reused key with another hash is refused
 * @param priority higher runs first among due jobs
 * @param parentId the job that spawned this one (portfolio ingest), or null
 */
public record NewJob(
    UUID tenantId,
    String kind,
    String payload,
    String idempotencyKey,
    String requestHash,
    int priority,
    UUID parentId) {

  public NewJob {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(payload, "payload");
    if (idempotencyKey != null && requestHash == null) {
      throw new IllegalArgumentException("An idempotency key needs the hash of its request");
    }
  }

  public static NewJob of(UUID tenantId, String kind, String payload) {
    return new NewJob(tenantId, kind, payload, null, null, 0, null);
  }
}
