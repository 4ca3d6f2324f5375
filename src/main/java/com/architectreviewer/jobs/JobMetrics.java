package com.architectreviewer.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code reviewer_jobs_*} metrics. The queue depth is read from the database at most every few
 * seconds, so a scrape never queues behind a slow query.
 */
@Component
class JobMetrics {

  private static final Logger log = LoggerFactory.getLogger(JobMetrics.class);
  private static final Duration DEPTH_MAX_AGE = Duration.ofSeconds(5);

  private final MeterRegistry registry;
  private final JobRepository repository;
  private final Clock clock;
  private final AtomicReference<Sample> depth = new AtomicReference<>(new Sample(0, Instant.MIN));

  private record Sample(long value, Instant at) {}

  JobMetrics(MeterRegistry registry, JobRepository repository, JobsClock clock) {
    this.registry = registry;
    this.repository = repository;
    this.clock = clock.clock();
    Gauge.builder("reviewer_jobs_queue_depth", this, JobMetrics::queueDepth)
        .description("Jobs waiting to run, all tenants")
        .register(registry);
  }

  void enqueued(String kind) {
    Counter.builder("reviewer_jobs_enqueued_total")
        .tag("kind", kind)
        .register(registry)
        .increment();
  }

  void finished(String kind, String state) {
    Counter.builder("reviewer_jobs_finished_total")
        .tag("kind", kind)
        .tag("state", state)
        .register(registry)
        .increment();
  }

  void waited(String kind, Duration wait) {
    Timer.builder("reviewer_jobs_wait_seconds")
        .description("From enqueue (or retry) to start of an attempt")
        .tag("kind", kind)
        .publishPercentileHistogram()
        .register(registry)
        .record(wait.isNegative() ? Duration.ZERO : wait);
  }

  void ran(String kind, Duration duration) {
    Timer.builder("reviewer_jobs_duration_seconds")
        .description("Run time of one attempt")
        .tag("kind", kind)
        .publishPercentileHistogram()
        .register(registry)
        .record(duration);
  }

  private double queueDepth() {
    var now = clock.instant();
    var sample = depth.get();
    if (Duration.between(sample.at(), now).compareTo(DEPTH_MAX_AGE) > 0) {
      try {
        sample = new Sample(repository.queueDepth(), now);
        depth.set(sample);
      } catch (RuntimeException e) {
        log.debug("Queue depth unavailable; the gauge keeps its last value", e);
      }
    }
    return sample.value();
  }
}
