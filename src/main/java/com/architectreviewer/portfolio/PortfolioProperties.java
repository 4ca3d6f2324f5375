package com.architectreviewer.portfolio;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Portfolio ingest and strategy ({@code reviewer.portfolio.*}).
 *
 * @param ingestWait how long an ingest job follows its scans before it stops waiting (the scans go
 *     on)
 * @param ingestPoll how often an ingest job looks at its scans
 */
@ConfigurationProperties("reviewer.portfolio")
record PortfolioProperties(Duration ingestWait, Duration ingestPoll) {

  static final Duration DEFAULT_INGEST_WAIT = Duration.ofHours(2);
  static final Duration DEFAULT_INGEST_POLL = Duration.ofSeconds(1);

  PortfolioProperties {
    ingestWait = ingestWait == null ? DEFAULT_INGEST_WAIT : ingestWait;
    ingestPoll = ingestPoll == null ? DEFAULT_INGEST_POLL : ingestPoll;
    if (!ingestWait.isPositive() || !ingestPoll.isPositive()) {
      throw new IllegalArgumentException(
          "reviewer.portfolio.ingest-wait and reviewer.portfolio.ingest-poll must be positive");
    }
  }
}
