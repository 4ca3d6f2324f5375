package com.architectreviewer.jobs;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The clock of the job queue: the application's {@link Clock} bean if there is one, else UTC. */
@Component
class JobsClock {

  private final Clock clock;

  JobsClock(ObjectProvider<Clock> clock) {
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  Clock clock() {
    return clock;
  }
}
