package com.architectreviewer.kv;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Live progress of jobs in the KV layer: the latest fields of each job in a hash with a TTL, and a
 * pub/sub message per update, so every API instance can follow any job without a database query.
 * While Redis is down (or without {@code REDIS_URL}) it only reaches this instance: {@link
 * #isShared()} is false and readers should take progress from the database.
 */
@Component
public final class ProgressRelay {

  static final String CHANNEL = "job-progress";
  static final Duration TTL = Duration.ofHours(1);

  private final KeyValueStore kv;

  ProgressRelay(KeyValueStore kv) {
    this.kv = kv;
  }

  /** Stores the job's latest fields (e.g. state, progress, stage) and tells every listener. */
  public void publish(UUID jobId, Map<String, String> fields) {
    kv.hashPut(key(jobId), fields, TTL);
    kv.publish(CHANNEL, jobId.toString());
  }

  /** The job's latest published fields, if any were published in the last hour. */
  public Optional<Map<String, String>> latest(UUID jobId) {
    var fields = kv.hashGetAll(key(jobId));
    return fields.isEmpty() ? Optional.empty() : Optional.of(fields);
  }

  /** Calls the listener with the id of every job whose progress was published. */
  public KeyValueStore.Subscription onProgress(Consumer<UUID> listener) {
    return kv.subscribe(
        CHANNEL,
        message -> {
          try {
            listener.accept(UUID.fromString(message));
          } catch (IllegalArgumentException ignored) {
            // Not a job id: a message from something else on the channel; nothing to follow.
          }
        });
  }

  /** True while every instance sees what this one publishes. */
  public boolean isShared() {
    return kv.isShared();
  }

  private static String key(UUID jobId) {
    return "job-progress:" + jobId;
  }
}
