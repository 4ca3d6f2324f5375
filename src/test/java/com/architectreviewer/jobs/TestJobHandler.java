package com.architectreviewer.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A job kind for testing the machinery. The payload says what to do: {@code ok:TAG}, {@code
 * flaky:TAG:N} (fail the first N attempts), {@code broken:TAG} (always throw), {@code invalid:TAG}
 * (a non-retryable error), {@code block:TAG} (report progress until cancelled, at most 60 s),
 * {@code hold:TAG:MILLIS} (run for MILLIS, then succeed). Jobs running at once are counted per
 * tenant.
 */
class TestJobHandler implements JobHandler {

  static final String KIND = "test";
  final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
  final AtomicInteger maxRunningAtOnce = new AtomicInteger();
  final AtomicInteger runningNow = new AtomicInteger();
  final Map<java.util.UUID, AtomicInteger> runningOfTenant = new ConcurrentHashMap<>();
  final Map<java.util.UUID, AtomicInteger> maxRunningOfTenant = new ConcurrentHashMap<>();

  /** The most jobs of the tenant that ran at the same moment. */
  int maxRunningAtOnce(java.util.UUID tenantId) {
    return maxRunningOfTenant.computeIfAbsent(tenantId, t -> new AtomicInteger()).get();
  }

  @Override
  public String kind() {
    return KIND;
  }

  int runs(String tag) {
    return runs.computeIfAbsent(tag, t -> new AtomicInteger()).get();
  }

  @Override
  public String run(JobContext context) throws Exception {
    String[] parts = context.payload().split(":");
    String tag = parts[1];
    int attempt = runs.computeIfAbsent(tag, t -> new AtomicInteger()).incrementAndGet();
    maxRunningAtOnce.accumulateAndGet(runningNow.incrementAndGet(), Math::max);
    var ofTenant = runningOfTenant.computeIfAbsent(context.tenantId(), t -> new AtomicInteger());
    maxRunningOfTenant
        .computeIfAbsent(context.tenantId(), t -> new AtomicInteger())
        .accumulateAndGet(ofTenant.incrementAndGet(), Math::max);
    try {
      return switch (parts[0]) {
        case "ok" -> {
          context.progress(50, "halfway");
          yield "/results/" + tag;
        }
        case "flaky" -> {
          if (attempt <= Integer.parseInt(parts[2])) {
            throw new IllegalStateException("flaky failure " + attempt);
          }
          yield "/results/" + tag;
        }
        case "broken" -> throw new IllegalStateException("always broken");
        case "invalid" -> throw new JobCannotSucceed("The input of " + tag + " is invalid.");
        case "block" -> block(context, tag);
        case "hold" -> {
          Instant end = Instant.now().plusMillis(Long.parseLong(parts[2]));
          while (Instant.now().isBefore(end)) {
            context.checkpoint();
            Thread.sleep(10);
          }
          yield "/results/" + tag;
        }
        default -> throw new IllegalArgumentException(context.payload());
      };
    } finally {
      ofTenant.decrementAndGet();
      runningNow.decrementAndGet();
    }
  }

  private static String block(JobContext context, String tag) {
    Instant end = Instant.now().plus(Duration.ofSeconds(60));
    int step = 0;
    while (Instant.now().isBefore(end)) {
      context.checkpoint();
      context.progress(Math.min(step++, 90), "blocking");
      Thread.onSpinWait();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return "/results/" + tag;
  }
}
