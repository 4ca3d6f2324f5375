package com.architectreviewer.portfolio;

import java.util.UUID;

/**
 * What happened to one repository of an ingest.
 *
 * @param registration {@code registered} (new), {@code existing} (already in the portfolio, matched
 *     by normalised URL or path), {@code updated} (existing, and the manifest's branch replaced the
 *     repository's: later scans use it too) or {@code failed} (refused before any scan)
 * @param scanJobId the child scan job, or null when none was started
 * @param state the child job's state ({@code queued}, {@code running}, {@code succeeded}, {@code
 *     failed}, {@code cancelled}), or {@code failed} when registration failed
 * @param error why it failed, fit for users, or null
 * @param scan the scan's URL once it succeeded
 */
record IngestOutcome(
    String name,
    String url,
    String path,
    UUID repositoryId,
    String registration,
    UUID scanJobId,
    String state,
    String error,
    String scan) {

  static IngestOutcome refused(IngestItem item, String error) {
    return new IngestOutcome(
        item.name(), item.url(), item.path(), null, "failed", null, "failed", error, null);
  }

  IngestOutcome withJob(String newState, String newError, String newScan) {
    return new IngestOutcome(
        name, url, path, repositoryId, registration, scanJobId, newState, newError, newScan);
  }

  boolean finished() {
    return switch (state) {
      case "succeeded", "failed", "cancelled" -> true;
      default -> false;
    };
  }
}
