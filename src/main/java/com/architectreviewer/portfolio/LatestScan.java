package com.architectreviewer.portfolio;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The summary of a repository's newest scan, as {@code GET /api/v1/repositories/{id}} shows it.
 *
 * @param url the scan's own resource, {@code /api/v1/scans/{id}}
 * @param counts findings by severity ({@code critical, high, medium, low, info})
 * @param score 0 (worst) to 100
 */
record LatestScan(
    UUID id,
    UUID jobId,
    String url,
    Map<String, Integer> counts,
    int score,
    long durationMs,
    Instant createdAt) {}
