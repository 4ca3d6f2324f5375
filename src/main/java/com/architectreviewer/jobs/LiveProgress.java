package com.architectreviewer.jobs;

import com.architectreviewer.kv.ProgressRelay;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The jobs side of the KV layer's {@link ProgressRelay}: workers publish every visible change of a
 * running job (start, progress, final state) there, and the event streams of every API instance
 * hear of it at once, without a database query. The database stays the record: the relay is best
 * effort, and without Redis it only reaches this process (streams then poll the database).
 */
@Component
class LiveProgress {

  private static final Logger log = LoggerFactory.getLogger(LiveProgress.class);

  private final ProgressRelay relay;

  LiveProgress(ProgressRelay relay) {
    this.relay = relay;
  }

  /** What was published of a job. */
  record Snapshot(
      JobState state,
      int progress,
      String stage,
      int attempts,
      String error,
      String resultRef,
      Instant at) {

    Map<String, String> fields() {
      var fields = new HashMap<String, String>();
      fields.put("state", state.value());
      fields.put("progress", Integer.toString(progress));
      fields.put("attempts", Integer.toString(attempts));
      fields.put("at", at.toString());
      // A hash keeps its fields: blanks stand for absent values, so a new snapshot replaces all.
      fields.put("stage", stage == null ? "" : stage);
      fields.put("error", error == null ? "" : error);
      fields.put("resultRef", resultRef == null ? "" : resultRef);
      return fields;
    }

    static Optional<Snapshot> of(Map<String, String> fields) {
      try {
        return Optional.of(
            new Snapshot(
                JobState.of(fields.get("state")),
                Integer.parseInt(fields.get("progress")),
                blankToNull(fields.get("stage")),
                Integer.parseInt(fields.get("attempts")),
                blankToNull(fields.get("error")),
                blankToNull(fields.get("resultRef")),
                Instant.parse(fields.get("at"))));
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }

    private static String blankToNull(String value) {
      return value == null || value.isEmpty() ? null : value;
    }
  }

  /** Publishes the job's current fields; never fails the caller. */
  void publish(UUID jobId, Snapshot snapshot) {
    try {
      relay.publish(jobId, snapshot.fields());
    } catch (RuntimeException e) {
      log.debug("Live progress of job {} not published", jobId, e);
    }
  }

  /** The job's latest published fields, if the relay has any. */
  Optional<Snapshot> latest(UUID jobId) {
    try {
      return relay.latest(jobId).flatMap(Snapshot::of);
    } catch (RuntimeException e) {
      log.debug("Live progress of job {} not readable", jobId, e);
      return Optional.empty();
    }
  }

  /** True while what is published here reaches every instance. */
  boolean isShared() {
    try {
      return relay.isShared();
    } catch (RuntimeException e) {
      return false;
    }
  }

  ProgressRelay relay() {
    return relay;
  }
}
