package com.architectreviewer.providers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Posts JSON to a provider and turns every way that can fail into a {@link ProviderCallFailed}: a
 * timeout, a refused connection, 429 (with its {@code Retry-After}), 5xx, other statuses. Redirects
 * are not followed (a provider must not bounce the key elsewhere).
 */
final class ProviderHttp {

  private static final int MAX_ANSWER_CHARS = 1_000_000;

  private final HttpClient client;
  private final Clock clock;

  ProviderHttp(Duration connectTimeout, Clock clock) {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.clock = clock;
  }

  /** The response body of a 2xx answer. */
  String post(
      String provider, URI url, Map<String, String> headers, String body, Duration timeout) {
    var request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    HttpResponse<String> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new ProviderCallFailed(
          provider, ProviderCallFailed.Kind.TIMEOUT, "no answer within " + timeout);
    } catch (IOException e) {
      throw new ProviderCallFailed(
          provider, ProviderCallFailed.Kind.UNREACHABLE, e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderCallFailed(provider, ProviderCallFailed.Kind.UNREACHABLE, "interrupted");
    }
    int status = response.statusCode();
    if (status == 429) {
      throw new ProviderCallFailed(
          provider,
          ProviderCallFailed.Kind.RATE_LIMITED,
          "HTTP 429",
          retryAfter(response).orElse(null));
    }
    if (status >= 500) {
      throw new ProviderCallFailed(
          provider,
          ProviderCallFailed.Kind.SERVER_ERROR,
          "HTTP " + status,
          retryAfter(response).orElse(null));
    }
    if (status < 200 || status >= 300) {
      throw new ProviderCallFailed(
          provider, ProviderCallFailed.Kind.CLIENT_ERROR, "HTTP " + status);
    }
    if (response.body().length() > MAX_ANSWER_CHARS) {
      throw new ProviderCallFailed(provider, ProviderCallFailed.Kind.MALFORMED, "answer too large");
    }
    return response.body();
  }

  /** {@code Retry-After} as seconds or as an HTTP date (RFC 9110 §10.2.3). */
  Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").flatMap(this::parseRetryAfter);
  }

  Optional<Duration> parseRetryAfter(String value) {
    String trimmed = value.trim();
    try {
      long seconds = Long.parseLong(trimmed);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        var at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration until = Duration.between(clock.instant(), at);
        return Optional.of(until.isNegative() ? Duration.ZERO : until);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }
}
