package com.architectreviewer.jobs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the job queue ({@code reviewer.jobs.*}). db-scheduler's own settings (threads,
 * heartbeat, polling) are under {@code db-scheduler.*}.
 *
 * @param workersEnabled whether this process runs jobs ({@code serve --no-workers} sets false)
 * @param tenantRunningLimit how many jobs of one tenant may run at once, across all workers
 * @param maxAttempts attempts of a job before it fails for good
 * @param retryBaseDelay backoff before the first retry; doubles per attempt, with jitter
 * @param retryMaxDelay upper bound of the backoff
 * @param tenantLimitDelay how long a job waits when its tenant is at its running limit
 * @param progressInterval at most one persisted progress update per job per interval
 * @param cancelCheckInterval how often a running job looks for a cancellation request
 */
@ConfigurationProperties("reviewer.jobs")
record JobsProperties(
    Boolean workersEnabled,
    Integer tenantRunningLimit,
    Integer maxAttempts,
    Duration retryBaseDelay,
    Duration retryMaxDelay,
    Duration tenantLimitDelay,
    Duration progressInterval,
    Duration cancelCheckInterval) {

  static final int DEFAULT_TENANT_RUNNING_LIMIT = 4;
  static final int DEFAULT_MAX_ATTEMPTS = 3;
  static final Duration DEFAULT_RETRY_BASE_DELAY = Duration.ofSeconds(2);
  static final Duration DEFAULT_RETRY_MAX_DELAY = Duration.ofMinutes(5);
  static final Duration DEFAULT_TENANT_LIMIT_DELAY = Duration.ofSeconds(1);
  static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofMillis(500);
  static final Duration DEFAULT_CANCEL_CHECK_INTERVAL = Duration.ofMillis(500);

  JobsProperties {
    workersEnabled = workersEnabled == null || workersEnabled;
    tenantRunningLimit =
        tenantRunningLimit == null ? DEFAULT_TENANT_RUNNING_LIMIT : tenantRunningLimit;
    maxAttempts = maxAttempts == null ? DEFAULT_MAX_ATTEMPTS : maxAttempts;
    retryBaseDelay = retryBaseDelay == null ? DEFAULT_RETRY_BASE_DELAY : retryBaseDelay;
    retryMaxDelay = retryMaxDelay == null ? DEFAULT_RETRY_MAX_DELAY : retryMaxDelay;
    tenantLimitDelay = tenantLimitDelay == null ? DEFAULT_TENANT_LIMIT_DELAY : tenantLimitDelay;
    progressInterval = progressInterval == null ? DEFAULT_PROGRESS_INTERVAL : progressInterval;
    cancelCheckInterval =
        cancelCheckInterval == null ? DEFAULT_CANCEL_CHECK_INTERVAL : cancelCheckInterval;
    if (tenantRunningLimit < 1) {
      throw new IllegalArgumentException(
          "reviewer.jobs.tenant-running-limit must be at least 1 (got " + tenantRunningLimit + ")");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(
          "reviewer.jobs.max-attempts must be at least 1 (got " + maxAttempts + ")");
    }
    if (retryMaxDelay.compareTo(retryBaseDelay) < 0) {
      throw new IllegalArgumentException(
          "reviewer.jobs.retry-max-delay must not be shorter than reviewer.jobs.retry-base-delay");
    }
    if (cancelCheckInterval.compareTo(Duration.ofSeconds(2)) > 0) {
      throw new IllegalArgumentException(
          "reviewer.jobs.cancel-check-interval must be at most 2s: cancellation is promised within"
              + " 2 seconds");
    }
  }

  RetryPolicy retryPolicy() {
    return new RetryPolicy(maxAttempts, retryBaseDelay, retryMaxDelay);
  }
}
