package com.architectreviewer.jobs;

import com.architectreviewer.kv.KeyValueStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-Sent Events of jobs, from any API instance whichever process runs the job.
 *
 * <p>Two sources: {@code job_events} in the database (the record: events with ids, so {@code
 * Last-Event-ID} resumes after them; the stream ends after the event of a final state) and the live
 * progress that workers publish through the KV layer ({@link LiveProgress}). While the KV layer is
 * shared (Redis up), a published change reaches the stream at once as a {@code progress} event
 * without an id, a final state makes the stream read the database at once, and the database is only
 * polled every {@link #SHARED_POLL_INTERVAL} as a backstop. Without Redis, or while it is down,
 * streams poll the database every {@link #POLL_INTERVAL} as before. A comment is sent after 15 s of
 * silence.
 */
@Component
class JobEventStreams implements DisposableBean {

  static final Duration POLL_INTERVAL = Duration.ofMillis(300);
  static final Duration SHARED_POLL_INTERVAL = Duration.ofSeconds(5);
  static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(15);
  static final Duration STREAM_TIMEOUT = Duration.ofHours(1);
  private static final Logger log = LoggerFactory.getLogger(JobEventStreams.class);

  private final JobRepository repository;
  private final LiveProgress live;
  private final Clock clock;
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("reviewer-job-events").factory());
  private final Map<SseEmitter, Stream> streams = new ConcurrentHashMap<>();
  private final KeyValueStore.Subscription subscription;

  JobEventStreams(JobRepository repository, LiveProgress live, JobsClock clock) {
    this.repository = repository;
    this.live = live;
    this.clock = clock.clock();
    this.subscription = live.relay().onProgress(this::published);
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
    Instant lastPolled = Instant.MIN;

    /** Time of the newest change sent (from either source); older ones are not sent again. */
    Instant newestSent = Instant.MIN;

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
    poller.execute(() -> {
      poll(emitter, stream);
      live.latest(jobId).ifPresent(snapshot -> relay(emitter, stream, snapshot));
    });
    return emitter;
  }

  /** A worker published a change of the job: runs on the KV layer's dispatch thread. */
  private void published(UUID jobId) {
    if (streams.values().stream().noneMatch(stream -> stream.jobId.equals(jobId))) {
      return;
    }
    try {
      poller.execute(() -> {
        var snapshot = live.latest(jobId);
        streams.forEach((emitter, stream) -> {
          if (stream.jobId.equals(jobId)) {
            snapshot.ifPresentOrElse(
                latest -> relay(emitter, stream, latest), () -> poll(emitter, stream));
          }
        });
      });
    } catch (RejectedExecutionException e) {
      // Shutting down.
    }
  }

  /**
   * Sends a published change: progress goes out as it is (no id: the database has its own events
   * for resuming); a final state is read from the database, with its id, and ends the stream.
   */
  private void relay(SseEmitter emitter, Stream stream, LiveProgress.Snapshot snapshot) {
    if (snapshot.state().isTerminal() || snapshot.state() != JobState.RUNNING) {
      poll(emitter, stream);
      return;
    }
    synchronized (stream) {
      if (!streams.containsKey(emitter) || !snapshot.at().isAfter(stream.newestSent)) {
        return;
      }
      try {
        emitter.send(
            SseEmitter.event()
                .name("progress")
                .data(
                    new EventBody(
                        snapshot.state().value(),
                        snapshot.progress(),
                        snapshot.stage(),
                        snapshot.attempts(),
                        snapshot.error(),
                        null,
                        snapshot.at()),
                    MediaType.APPLICATION_JSON));
        stream.newestSent = snapshot.at();
        stream.lastSent = clock.instant();
      } catch (IOException | IllegalStateException e) {
        streams.remove(emitter);
        log.debug("Event stream of job {} closed by the client", stream.jobId);
      }
    }
  }

  private void pollAll() {
    var now = clock.instant();
    // While live progress reaches every instance, the database is only the backstop.
    Duration interval = live.isShared() ? SHARED_POLL_INTERVAL : POLL_INTERVAL;
    streams.forEach((emitter, stream) -> {
      if (Duration.between(stream.lastPolled, now).compareTo(interval) >= 0) {
        poll(emitter, stream);
      } else {
        heartbeat(emitter, stream, now);
      }
    });
  }

  private void poll(SseEmitter emitter, Stream stream) {
    synchronized (stream) {
      if (!streams.containsKey(emitter)) {
        return;
      }
      try {
        var now = clock.instant();
        stream.lastPolled = now;
        for (var event : repository.eventsAfter(stream.tenantId, stream.jobId, stream.lastId)) {
          boolean terminal = event.state().isTerminal();
          // Progress already shown live is not shown again, older; the id still advances.
          if (terminal || event.at().isAfter(stream.newestSent)) {
            send(emitter, event);
            stream.lastSent = now;
            if (event.at().isAfter(stream.newestSent)) {
              stream.newestSent = event.at();
            }
          }
          stream.lastId = event.id();
          if (terminal && isLatest(stream)) {
            streams.remove(emitter);
            emitter.complete();
            return;
          }
        }
        heartbeat(emitter, stream, now);
      } catch (IOException | IllegalStateException e) {
        streams.remove(emitter);
        log.debug("Event stream of job {} closed by the client", stream.jobId);
      } catch (RuntimeException e) {
        log.debug("Event stream of job {}: database unavailable, trying again", stream.jobId, e);
      }
    }
  }

  private void heartbeat(SseEmitter emitter, Stream stream, Instant now) {
    synchronized (stream) {
      if (Duration.between(stream.lastSent, now).compareTo(HEARTBEAT_INTERVAL) < 0
          || !streams.containsKey(emitter)) {
        return;
      }
      try {
        emitter.send(SseEmitter.event().comment("heartbeat"));
        stream.lastSent = now;
      } catch (IOException | IllegalStateException e) {
        streams.remove(emitter);
        log.debug("Event stream of job {} closed by the client", stream.jobId);
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
    subscription.close();
    poller.shutdownNow();
    streams.keySet().forEach(SseEmitter::complete);
  }
}
