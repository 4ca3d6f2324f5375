package com.architectreviewer.observability;

import org.slf4j.MDC;

/**
 * The keys that tie log lines and error events to a request, a tenant or a job. Other modules put
 * values here (the job runner its job id, authentication the tenant id); logs and error tracking
 * read them.
 */
public final class LogContext {

  public static final String REQUEST_ID = "requestId";
  public static final String TENANT_ID = "tenantId";
  public static final String JOB_ID = "jobId";

  private LogContext() {}

  /** Puts a value for the current thread until the returned handle is closed. */
  public static MDC.MDCCloseable put(String key, String value) {
    return MDC.putCloseable(key, value);
  }
}
