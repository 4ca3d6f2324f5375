package com.architectreviewer.jobs;

import com.architectreviewer.observability.ErrorReporting;
import com.architectreviewer.observability.LogContext;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one db-scheduler execution of the {@code job} task: claims the job, runs its handler and
 * records the outcome. db-scheduler guarantees one execution per job at a time and revives the
 * executions of dead workers; this class turns that into the user-visible job states.
 */
final class JobRunner {

  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

  /** Most final states written in one statement. */
  static final int FINISH_BATCH = 64;

  /** Most claims made in one statement. */
  static final int CLAIM_BATCH = 32;

  /**
   * The execution was removed together with the final state ({@link
   * ExecutionRepository#finishAll}); nothing is left for db-scheduler to write.
   */
  private static final CompletionHandler<Void> ALREADY_REMOVED = (complete, operations) -> {};

  private final Map<String, JobHandler> handlers;
  private final ExecutionRepository repository;
  private final PickedClaims picked;
  private final JobsProperties properties;
  private final RetryPolicy retryPolicy;
  private final JobMetrics metrics;
  private final OutcomeWriter outcomes;
  private final Clock clock;
  private final ErrorReporting errors;
  private final LiveProgress live;
  private final WriteCoalescer<ExecutionRepository.Finish, Optional<JobState>> finishes;
  private final WriteCoalescer<UUID, ExecutionRepository.Claim> claims;

  JobRunner(
      List<JobHandler> handlers,
      ExecutionRepository repository,
      PickedClaims picked,
      JobsProperties properties,
      JobMetrics metrics,
      ErrorReporting errors,
      LiveProgress live,
      Clock clock) {
    this.errors = errors;
    this.live = live;
    this.handlers =
        handlers.stream().collect(Collectors.toMap(JobHandler::kind, Function.identity()));
    this.repository = repository;
    this.picked = picked;
    this.properties = properties;
    this.retryPolicy = properties.retryPolicy();
    this.metrics = metrics;
    this.outcomes = new OutcomeWriter(clock);
    this.clock = clock;
    this.finishes =
        new WriteCoalescer<>(batch -> repository.finishAll(batch, clock.instant()), FINISH_BATCH);
    // Claims of threads that start at the same moment (a fetched batch of executions) go out
    // together; a lone claim goes at once.
    this.claims =
        new WriteCoalescer<>(
            batch -> repository.claimAll(batch, properties.tenantRunningLimit(), clock.instant()),
            CLAIM_BATCH);
  }

  CompletionHandler<Void> execute(TaskInstance<Void> instance, ExecutionContext context) {
    UUID id = UUID.fromString(instance.getId());
    try (var logged = LogContext.put(LogContext.JOB_ID, id.toString())) {
      return claimAndRun(id, context.getExecution().version);
    }
  }

  private CompletionHandler<Void> claimAndRun(UUID id, long executionVersion) {
    // Claimed with the pick as a rule; on its own when this execution was picked otherwise.
    var claim = picked.take(id, executionVersion).orElseGet(() -> claims.submit(id));
    return switch (claim) {
      case ExecutionRepository.Claim.Gone gone -> {
        log.debug("Job {} not run: {}", id, gone.why());
        yield new CompletionHandler.OnCompleteRemove<>();
      }
      case ExecutionRepository.Claim.Deferred deferred ->
          rescheduleAt(clock.instant().plus(properties.tenantLimitDelay()));
      case ExecutionRepository.Claim.Started started -> run(started, executionVersion);
    };
  }

  private CompletionHandler<Void> run(ExecutionRepository.Claim.Started claim, long version) {
    var job = new Attempt(claim, version);
    metrics.waited(job.kind(), job.waited());
    var handler = handlers.get(job.kind());
    if (handler == null) {
      return fail(job, "This server cannot run jobs of kind '" + job.kind() + "'.");
    }
    live.publish(
        job.id(),
        new LiveProgress.Snapshot(
            JobState.RUNNING, 0, "started", job.attempt(), null, null, clock.instant()));
    var context = new RunningJob(claim, repository, live, clock, properties);
    Instant started = clock.instant();
    try {
      String result = handler.run(context);
      metrics.ran(job.kind(), Duration.between(started, clock.instant()));
      if (context.isCancelled()) {
        return cancelled(job);
      }
      return finish(job, JobState.SUCCEEDED, "done", null, result);
    } catch (JobCancelled e) {
      metrics.ran(job.kind(), Duration.between(started, clock.instant()));
      return cancelled(job);
    } catch (JobCannotSucceed e) {
      metrics.ran(job.kind(), Duration.between(started, clock.instant()));
      log.info("Job {} ({}) failed for good: {}", job.id(), job.kind(), e.getMessage());
      return fail(job, e.getMessage());
    } catch (Exception e) {
      metrics.ran(job.kind(), Duration.between(started, clock.instant()));
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return failedAttempt(job, e);
    }
  }

  private CompletionHandler<Void> failedAttempt(Attempt job, Exception e) {
    String errorId = UUID.randomUUID().toString();
    if (retryPolicy.mayRetryAfter(job.attempt())) {
      Instant at =
          clock.instant().plus(retryPolicy.delayAfter(job.attempt(), ThreadLocalRandom.current()));
      log.warn(
          "Job {} ({}) attempt {} failed (error id {}); it will be retried at {}",
          job.id(),
          job.kind(),
          job.attempt(),
          errorId,
          at,
          e);
      String message =
          "Attempt "
              + job.attempt()
              + " failed ("
              + (e instanceof JobAttemptFailed ? e.getMessage() + "; " : "")
              + "error id "
              + errorId
              + "); retrying at "
              + at
              + ".";
      boolean recorded =
          outcomes.write(
              job.id(),
              () -> repository.retryLater(job.id(), job.attempt(), message, at, clock.instant()));
      if (recorded) {
        live.publish(
            job.id(),
            new LiveProgress.Snapshot(
                JobState.QUEUED,
                0,
                "retry scheduled",
                job.attempt(),
                message,
                null,
                clock.instant()));
      } else {
        logSuperseded(job);
      }
      return rescheduleAt(at);
    }
    if (e instanceof JobAttemptFailed known) {
      // A known, passing cause that did not pass in time: the user's message, no defect report.
      log.warn(
          "Job {} ({}) failed after {} attempts (error id {}): {}",
          job.id(),
          job.kind(),
          job.attempt(),
          errorId,
          known.getMessage());
      return fail(
          job,
          "The job failed after "
              + job.attempt()
              + " attempts: "
              + known.getMessage()
              + " (error id "
              + errorId
              + "). Retry it later.");
    }
    // The final failure is reported once (error tracking + log) under the id the user sees in the
    // job's error.
    errorId =
        errors.report(
            e, "job " + job.id() + " (" + job.kind() + ") after " + job.attempt() + " attempts");
    return fail(
        job,
        "The job failed after "
            + job.attempt()
            + " attempts (error id "
            + errorId
            + "). Retry it, or report the error id.");
  }

  private CompletionHandler<Void> fail(Attempt job, String message) {
    return finish(job, JobState.FAILED, "failed", message, null);
  }

  private CompletionHandler<Void> cancelled(Attempt job) {
    log.info("Job {} ({}) stopped: cancelled by the user", job.id(), job.kind());
    return finish(job, JobState.CANCELLED, "cancelled", null, null);
  }

  /** A started attempt and the version of the db-scheduler execution that runs it. */
  private record Attempt(ExecutionRepository.Claim.Started claim, long executionVersion) {
    UUID id() {
      return claim.id();
    }

    String kind() {
      return claim.kind();
    }

    int attempt() {
      return claim.attempt();
    }

    Duration waited() {
      return claim.waited();
    }
  }

  /**
   * Records the attempt's final state (one result per job) and removes the execution in the same
   * statement, batched with the final states of other threads.
   */
  private CompletionHandler<Void> finish(
      Attempt job, JobState state, String stage, String error, String result) {
    var finish =
        new ExecutionRepository.Finish(
            job.id(), job.attempt(), state, stage, error, result, job.executionVersion());
    Optional<JobState> recorded = outcomes.write(job.id(), () -> finishes.submit(finish));
    recorded.ifPresentOrElse(
        actual -> {
          metrics.finished(job.kind(), actual.value());
          // After the commit: a listener that hears of the final state finds it in the database.
          boolean asRun = actual == state;
          live.publish(
              job.id(),
              new LiveProgress.Snapshot(
                  actual,
                  actual == JobState.SUCCEEDED ? 100 : 0,
                  asRun ? stage : "cancelled",
                  job.attempt(),
                  asRun ? error : null,
                  asRun ? result : null,
                  clock.instant()));
        },
        () -> logSuperseded(job));
    return ALREADY_REMOVED;
  }

  private static void logSuperseded(Attempt job) {
    log.warn(
        "Outcome of job {} attempt {} not recorded: a newer attempt replaced this one; it keeps"
            + " its own",
        job.id(),
        job.attempt());
  }

  private static CompletionHandler<Void> rescheduleAt(Instant at) {
    return (complete, operations) -> operations.reschedule(complete, at);
  }
}
