package com.architectreviewer.analytics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves non-critical writes from the request threads to the database on one background thread. A
 * request only enqueues in memory (never blocks: a full queue drops its oldest entry). Each run
 * writes the queued batches, buffers what the database would not take, then drains the buffer in
 * batches while the database is healthy.
 */
final class WritePump implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WritePump.class);

  private final BlockingQueue<PendingWrite> staging;
  private final GuardedWriter writer;
  private final WriteBuffer buffer;
  private final KeyUsageRecorder keyUsage;
  private final AnalyticsMetrics metrics;
  private final int batchSize;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("analytics-writer").daemon().factory());

  WritePump(
      GuardedWriter writer,
      WriteBuffer buffer,
      KeyUsageRecorder keyUsage,
      AnalyticsMetrics metrics,
      int stagingCapacity,
      int batchSize,
      Duration interval) {
    this.staging = new ArrayBlockingQueue<>(stagingCapacity);
    this.writer = writer;
    this.buffer = buffer;
    this.keyUsage = keyUsage;
    this.metrics = metrics;
    this.batchSize = batchSize;
    thread.scheduleWithFixedDelay(
        this::runSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  void submit(PendingWrite write) {
    while (!staging.offer(write)) {
      if (staging.poll() != null) {
        metrics.dropped.increment();
      }
    }
  }

  int staged() {
    return staging.size();
  }

  void runOnce() {
    keyUsage.due().forEach(this::submit);
    for (var batch = nextStaged(); !batch.isEmpty(); batch = nextStaged()) {
      if (writer.tryWrite(batch)) {
        metrics.written.increment(batch.size());
      } else {
        buffer.add(batch);
      }
    }
    drainBuffer();
  }

  private void drainBuffer() {
    while (writer.healthy()) {
      var batch = buffer.take(batchSize);
      if (batch.isEmpty()) {
        return;
      }
      if (!writer.tryWrite(batch)) {
        buffer.notStored();
        return;
      }
      buffer.stored();
      metrics.written.increment(batch.size());
      metrics.drained.increment(batch.size());
    }
  }

  private List<PendingWrite> nextStaged() {
    var batch = new ArrayList<PendingWrite>(Math.min(batchSize, staging.size()));
    staging.drainTo(batch, batchSize);
    return batch;
  }

  private void runSafely() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      log.warn("The non-critical write pump failed one run; the next run retries", e);
    }
  }

  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
      // One last try at the database; what it does not take goes to the buffer (shared when Redis
      // is up) rather than being lost.
      keyUsage.drain().forEach(this::submit);
      for (var batch = nextStaged(); !batch.isEmpty(); batch = nextStaged()) {
        if (writer.tryWrite(batch)) {
          metrics.written.increment(batch.size());
        } else {
          buffer.add(batch);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("{} queued non-critical writes were lost at shutdown", staging.size(), e);
    }
  }
}
