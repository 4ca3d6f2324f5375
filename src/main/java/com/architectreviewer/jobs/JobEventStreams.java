package com.architectreviewer.jobs;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-Sent Events of jobs. Each open stream follows {@code job_events} in the database, so it
 * sees progress written by a worker in any process. Events carry their id ({@code Last-Event-ID}
 * resumes after it), a comment is sent after 15 s of silence, and the stream ends after the event
 * of a final state.
 */
@Component
class JobEventStreams implements DisposableBean {

  static final Duration POLL_INTERVAL = Duration.ofMillis(300);
  static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(15);
  static final Duration STREAM_TIMEOUT = Duration.ofHours(1);
  private static final Logger log = LoggerFactory.getLogger(JobEventStreams.class);

  private final JobRepository repository;
  private final Clock clock;
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("reviewer-job-events").factory());
  private final Map<SseEmitter, Stream> streams = new ConcurrentHashMap<>();

  JobEventStreams(JobRepository repository, JobsClock clock) {
    this.repository = repository;
    this.clock = clock.clock();
    poller.scheduleWithFixedDelay(
        this::pollAll, POLL_INTERVAL.toMillis(), POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Event body: the job's visible fields at that moment. */
  record EventBody(
      String state,
      int progress,
      String stage,
      int attempts,
      String error,
      String resultUrl,
      Instant at) {}

  private static final class Stream {
    final UUID tenantId;
    final UUID jobId;
    long lastId;
    Instant lastSent;

    Stream(UUID tenantId, UUID jobId, long lastId, Instant now) {
      this.tenantId = tenantId;
      this.jobId = jobId;
      this.lastId = lastId;
      this.lastSent = now;
    }
  }

  SseEmitter open(UUID tenantId, UUID jobId, long lastEventId) {
    var emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
    boolean over =
        repository.find(tenantId, jobId).map(job -> job.state().isTerminal()).orElse(true)
            && repository.eventsAfter(tenantId, jobId, lastEventId).isEmpty();
    if (over) {
      emitter.complete();
      return emitter;
    }
    var stream = new Stream(tenantId, jobId, lastEventId, clock.instant());
    emitter.onCompletion(() -> streams.remove(emitter));
    emitter.onTimeout(() -> streams.remove(emitter));
    emitter.onError(e -> streams.remove(emitter));
    streams.put(emitter, stream);
    poller.execute(() -> poll(emitter, stream));
    return emitter;
  }

  private void pollAll() {
    streams.forEach(this::poll);
  }

  private void poll(SseEmitter emitter, Stream stream) {
    synchronized (stream) {
      if (!streams.containsKey(emitter)) {
        return;
      }
      try {
        var now = clock.instant();
        for (var event : repository.eventsAfter(stream.tenantId, stream.jobId, stream.lastId)) {
          send(emitter, event);
          stream.lastId = event.id();
          stream.lastSent = now;
          if (event.state().isTerminal() && isLatest(stream)) {
            streams.remove(emitter);
            emitter.complete();
            return;
          }
        }
        if (Duration.between(stream.lastSent, now).compareTo(HEARTBEAT_INTERVAL) >= 0) {
          emitter.send(SseEmitter.event().comment("heartbeat"));
          stream.lastSent = now;
        }
      } catch (IOException | IllegalStateException e) {
        streams.remove(emitter);
        log.debug("Event stream of job {} closed by the client", stream.jobId);
      } catch (RuntimeException e) {
        log.debug("Event stream of job {}: database unavailable, trying again", stream.jobId, e);
      }
    }
  }

  /** A final state ends the stream unless the job was retried meanwhile (more events follow). */
  private boolean isLatest(Stream stream) {
    return repository.eventsAfter(stream.tenantId, stream.jobId, stream.lastId).isEmpty();
  }

  private static void send(SseEmitter emitter, JobEvent event) throws IOException {
    var body =
        new EventBody(
            event.state().value(),
            event.progress(),
            event.stage(),
            event.attempts(),
            event.error(),
            event.state() == JobState.SUCCEEDED ? event.resultRef() : null,
            event.at());
    emitter.send(
        SseEmitter.event()
            .id(Long.toString(event.id()))
            .name(event.state().isTerminal() ? event.state().value() : "progress")
            .data(body, MediaType.APPLICATION_JSON));
  }

  @Override
  public void destroy() {
    poller.shutdownNow();
    streams.keySet().forEach(SseEmitter::complete);
  }
}
