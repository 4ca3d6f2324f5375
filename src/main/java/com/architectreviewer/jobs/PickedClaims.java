package com.architectreviewer.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Claims made together with db-scheduler's pick ({@code reviewer_pick_and_claim}), from the poller
 * to the thread that runs the execution. An entry is taken once, for the execution version it was
 * made for; an execution that finds none (picked another way, or revived) claims on its own.
 */
final class PickedClaims {

  private record Picked(long executionVersion, ExecutionRepository.Claim claim) {}

  private final ConcurrentHashMap<UUID, Picked> claims = new ConcurrentHashMap<>();

  /** Records the claim in the current row of the pick's result, if it has one. */
  void record(ResultSet row, Instant now) throws SQLException {
    String outcome = row.getString("claim_outcome");
    if (outcome == null) {
      return;
    }
    UUID id = UUID.fromString(row.getString("task_instance"));
    var claim = ExecutionRepository.claimIn(row, id, "claim_", now);
    claims.put(id, new Picked(row.getLong("version"), claim));
  }

  /** The claim made when this execution was picked; empty if there is none for this version. */
  Optional<ExecutionRepository.Claim> take(UUID id, long executionVersion) {
    var picked = claims.remove(id);
    if (picked == null || picked.executionVersion() != executionVersion) {
      return Optional.empty();
    }
    return Optional.of(picked.claim());
  }
}
