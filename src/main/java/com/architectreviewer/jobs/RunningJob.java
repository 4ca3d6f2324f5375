package com.architectreviewer.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * The {@link JobContext} of one attempt. Progress and cancellation checks go to the database at
 * most once per interval; a failing database never fails the job from here (the outcome write will
 * wait for it instead).
 */
final class RunningJob implements JobContext {

  private static final Logger log = LoggerFactory.getLogger(RunningJob.class);

  /** Live progress is published at most this often per job (and at every stage change). */
  static final Duration LIVE_INTERVAL = Duration.ofMillis(100);

  private final ExecutionRepository.Claim.Started claim;
  private final ExecutionRepository repository;
  private final LiveProgress live;
  private final Clock clock;
  private final Duration progressInterval;
  private final Duration cancelCheckInterval;

  private Instant lastProgressWrite = Instant.MIN;
  private String lastStage;
  private int lastPercent = -1;
  private Instant lastLivePublish = Instant.MIN;
  private String lastLiveStage;
  private int lastLivePercent = -1;
  private Instant lastCancelCheck;
  private volatile boolean cancelled;

  RunningJob(
      ExecutionRepository.Claim.Started claim,
      ExecutionRepository repository,
      LiveProgress live,
      Clock clock,
      JobsProperties properties) {
    this.claim = claim;
    this.repository = repository;
    this.live = live;
    this.clock = clock;
    this.progressInterval = properties.progressInterval();
    this.cancelCheckInterval = properties.cancelCheckInterval();
    // The claim has just seen no cancellation request: the first look is due one interval later,
    // so a short job never asks (its final write turns a late request into 'cancelled').
    this.lastCancelCheck = clock.instant();
  }

  @Override
  public UUID jobId() {
    return claim.id();
  }

  @Override
  public UUID tenantId() {
    return claim.tenantId();
  }

  @Override
  public String kind() {
    return claim.kind();
  }

  @Override
  public String payload() {
    return claim.payload();
  }

  @Override
  public int attempt() {
    return claim.attempt();
  }

  @Override
  public synchronized void progress(int percent, String stage) {
    int clamped = Math.clamp(percent, 0, 99);
    var now = clock.instant();
    publishLive(clamped, stage, now);
    boolean stageChanged = !Objects.equals(stage, lastStage);
    boolean due = Duration.between(lastProgressWrite, now).compareTo(progressInterval) >= 0;
    if (!stageChanged && (!due || clamped == lastPercent)) {
      return;
    }
    try {
      repository.progress(claim.id(), claim.attempt(), clamped, stage, now);
      lastProgressWrite = now;
      lastStage = stage;
      lastPercent = clamped;
    } catch (DataAccessException e) {
      log.debug("Progress of job {} not saved; the next report will try again", claim.id(), e);
    }
  }

  /** Tells live listeners, more often than the database is written. */
  private void publishLive(int percent, String stage, Instant now) {
    boolean stageChanged = !Objects.equals(stage, lastLiveStage);
    boolean due = Duration.between(lastLivePublish, now).compareTo(LIVE_INTERVAL) >= 0;
    if (!stageChanged && (!due || percent == lastLivePercent)) {
      return;
    }
    live.publish(
        claim.id(),
        new LiveProgress.Snapshot(
            JobState.RUNNING, percent, stage, claim.attempt(), null, null, now));
    lastLivePublish = now;
    lastLiveStage = stage;
    lastLivePercent = percent;
  }

  @Override
  public synchronized boolean isCancelled() {
    if (cancelled) {
      return true;
    }
    var now = clock.instant();
    if (Duration.between(lastCancelCheck, now).compareTo(cancelCheckInterval) < 0) {
      return false;
    }
    lastCancelCheck = now;
    try {
      cancelled = repository.cancelRequested(claim.id());
    } catch (DataAccessException e) {
      log.debug("Could not check job {} for cancellation; it goes on", claim.id(), e);
    }
    return cancelled;
  }
}
