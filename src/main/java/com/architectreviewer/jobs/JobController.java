package com.architectreviewer.jobs;

import com.architectreviewer.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code /api/v1/jobs}: status, progress events, cancellation and retry of the caller's jobs. */
@RestController
@Tag(name = "jobs", description = "Durable jobs: status, progress events, cancellation, retry")
@RequestMapping("/api/v1/jobs")
class JobController {

  private final Jobs jobs;
  private final JobEventStreams streams;

  JobController(Jobs jobs, JobEventStreams streams) {
    this.jobs = jobs;
    this.streams = streams;
  }

  /** A job as the API shows it; {@code resultUrl} is set once it succeeded. */
  record JobBody(
      UUID id,
      String kind,
      String state,
      int progress,
      String stage,
      int attempts,
      String error,
      String resultUrl,
      UUID parentId,
      Instant createdAt,
      Instant startedAt,
      Instant finishedAt) {

    static JobBody of(JobView job) {
      return new JobBody(
          job.id(),
          job.kind(),
          job.state().value(),
          job.progress(),
          job.stage(),
          job.attempts(),
          job.error(),
          job.state() == JobState.SUCCEEDED ? job.resultRef() : null,
          job.parentId(),
          job.createdAt(),
          job.startedAt(),
          job.finishedAt());
    }
  }

  @Operation(
      summary = "A job: state, progress 0-100, stage, attempts, error, resultUrl once succeeded")
  @GetMapping("/{id}")
  JobBody get(Caller caller, @PathVariable UUID id) {
    return JobBody.of(jobs.find(caller.tenantId(), id).orElseThrow(() -> new JobNotFound(id)));
  }

  @Operation(
      summary =
          "Progress as Server-Sent Events (ids, Last-Event-ID resume, 15 s heartbeat comment, ends after the final state)")
  @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter events(
      Caller caller,
      @PathVariable UUID id,
      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
    jobs.find(caller.tenantId(), id).orElseThrow(() -> new JobNotFound(id));
    return streams.open(caller.tenantId(), id, parseLastEventId(lastEventId));
  }

  @Operation(
      summary =
          "Cancel: a queued job never starts, a running job stops at its next checkpoint (202)")
  @DeleteMapping("/{id}")
  ResponseEntity<JobBody> cancel(Caller caller, @PathVariable UUID id) {
    return ResponseEntity.accepted().body(JobBody.of(jobs.cancel(caller.tenantId(), id)));
  }

  @Operation(summary = "Re-run a failed or cancelled job (202 + Location)")
  @PostMapping("/{id}/retry")
  ResponseEntity<JobBody> retry(Caller caller, @PathVariable UUID id) {
    var accepted = jobs.retry(caller.tenantId(), id);
    var job = jobs.find(caller.tenantId(), id).orElseThrow(() -> new JobNotFound(id));
    return ResponseEntity.accepted()
        .location(URI.create(accepted.location()))
        .body(JobBody.of(job));
  }

  static long parseLastEventId(String header) {
    if (header == null || header.isBlank()) {
      return 0;
    }
    try {
      long value = Long.parseLong(header.trim());
      if (value < 0) {
        throw new InvalidLastEventId(header);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new InvalidLastEventId(header);
    }
  }

  /** The {@code Last-Event-ID} header is not an event id of this API. */
  static final class InvalidLastEventId extends RuntimeException {
    InvalidLastEventId(String value) {
      super(
          "Last-Event-ID must be the id of an event of this stream (a non-negative integer), not '"
              + (value.length() > 40 ? value.substring(0, 40) + "…" : value)
              + "'.");
    }
  }
}
