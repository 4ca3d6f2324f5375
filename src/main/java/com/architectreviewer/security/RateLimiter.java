package com.architectreviewer.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.ObjectMapper;

/**
 * Applies the token-bucket policies to a request: takes a token from each policy's bucket of the
 * subject (an API key or a client address), writes the IETF {@code RateLimit-Policy} and {@code
 * RateLimit} headers and, when a bucket is empty, answers 429 with {@code Retry-After}.
 */
final class RateLimiter {

  static final String POLICY_HEADER = "RateLimit-Policy";
  static final String STATE_HEADER = "RateLimit";

  private final TokenBuckets buckets;
  private final boolean enabled;
  private final ObjectMapper json;
  private final MeterRegistry meters;

  RateLimiter(TokenBuckets buckets, boolean enabled, ObjectMapper json, MeterRegistry meters) {
    this.buckets = buckets;
    this.enabled = enabled;
    this.json = json;
    this.meters = meters;
  }

  /**
   * Counts the request against the policies and sets the headers. Returns false when the request
   * was refused; the 429 has then been written.
   */
  boolean admit(
      String subject, List<RateLimitPolicy> policies, String instance, HttpServletResponse response)
      throws IOException {
    if (!enabled) {
      return true;
    }
    var states = new ArrayList<String>(policies.size());
    RateLimitPolicy refusedBy = null;
    long retryAfter = 0;
    for (RateLimitPolicy policy : policies) {
      Consumption consumption = buckets.tryConsume(subject, policy);
      states.add(
          "\""
              + policy.name()
              + "\";r="
              + consumption.remaining()
              + ";t="
              + consumption.secondsToReset());
      if (!consumption.consumed() && refusedBy == null) {
        refusedBy = policy;
        retryAfter = consumption.secondsToRefill();
      }
    }
    response.setHeader(
        POLICY_HEADER,
        policies.stream().map(RateLimitPolicy::policyItem).collect(Collectors.joining(", ")));
    response.setHeader(STATE_HEADER, String.join(", ", states));
    if (refusedBy == null) {
      return true;
    }
    refused(refusedBy).increment();
    refuse(refusedBy, retryAfter, instance, response);
    return false;
  }

  private void refuse(
      RateLimitPolicy policy, long retryAfter, String instance, HttpServletResponse response)
      throws IOException {
    var problem =
        Problems.of(
            HttpStatus.TOO_MANY_REQUESTS,
            Problems.RATE_LIMITED,
            "Too many requests",
            "The '"
                + policy.name()
                + "' limit of "
                + policy.quota()
                + " requests per "
                + policy.window().toSeconds()
                + " s is used up; retry after "
                + retryAfter
                + " s.");
    problem.setInstance(Problems.instance(instance));
    problem.setProperty("policy", policy.name());
    problem.setProperty("retryAfterSeconds", retryAfter);
    response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
    response.setHeader("Retry-After", Long.toString(retryAfter));
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }

  private Counter refused(RateLimitPolicy policy) {
    return Counter.builder("reviewer_rate_limit_refusals")
        .description("Requests refused with 429, by policy")
        .tag("policy", policy.name())
        .register(meters);
  }
}
