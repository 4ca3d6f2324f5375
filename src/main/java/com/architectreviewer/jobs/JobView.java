package com.architectreviewer.jobs;

import java.time.Instant;
import java.util.UUID;

/**
 * What a user may see of a job.
 *
 * @param error a message fit for users (never a stack trace), or null
 * @param resultRef where the result is (for a scan: {@code /api/v1/scans/{id}}), once succeeded
 */
public record JobView(
    UUID id,
    UUID tenantId,
    String kind,
    JobState state,
    int progress,
    String stage,
    int attempts,
    String error,
    String resultRef,
    UUID parentId,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt) {}
