package com.architectreviewer.scan;

import java.util.UUID;

/**
 * A finding as a scan stored it, with what other modules need to know of its scan.
 *
 * @param id the finding's stable id (as listed by {@code GET /api/v1/scans/{id}/findings})
 * @param scanId the scan it belongs to
 * @param scanSource what the scan reviewed (URL without credentials, path or upload)
 * @param scanFilesScanned how many files the scan reviewed
 */
public record StoredFinding(
    UUID id,
    UUID scanId,
    String rule,
    String severity,
    String confidence,
    String file,
    int line,
    String message,
    String remediation,
    String snippet,
    String fingerprint,
    String scanSource,
    int scanFilesScanned) {}
