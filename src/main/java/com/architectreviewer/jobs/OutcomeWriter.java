package com.architectreviewer.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Writes the outcome of an attempt, waiting out a short database outage so finished work is not
 * done again. If the database stays away longer, the exception goes to db-scheduler: the execution
 * stays picked, is detected as dead once the database is back, and the (idempotent) job runs again.
 */
final class OutcomeWriter {

  private static final Logger log = LoggerFactory.getLogger(OutcomeWriter.class);
  static final Duration PATIENCE = Duration.ofSeconds(30);

  private final Clock clock;

  OutcomeWriter(Clock clock) {
    this.clock = clock;
  }

  /** Runs the write, again after a pause while the database is unavailable; its result. */
  <T> T write(UUID jobId, Supplier<T> write) {
    Instant giveUp = clock.instant().plus(PATIENCE);
    long pause = 250;
    while (true) {
      try {
        return write.get();
      } catch (DataAccessException e) {
        if (clock.instant().isAfter(giveUp)) {
          throw e;
        }
        log.warn(
            "Outcome of job {} not recorded yet (database unavailable); retrying in {} ms",
            jobId,
            pause);
        pauseFor(pause);
        pause = Math.min(pause * 2, 4000);
      }
    }
  }

  private static void pauseFor(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the database", e);
    }
  }
}
