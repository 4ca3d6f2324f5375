package com.architectreviewer.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Raw HTTP against a running platform on 127.0.0.1, for tests that need full control of the request
 * (broken bodies, odd headers, exact paths). {@code key} may be null for no Authorization.
 */
public record ApiClient(int port, String key) {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public ApiClient withKey(String otherKey) {
    return new ApiClient(port, otherKey);
  }

  public HttpResponse<String> get(String path) {
    return send("GET", path, (byte[]) null, Map.of());
  }

  public HttpResponse<String> delete(String path) {
    return send("DELETE", path, (byte[]) null, Map.of());
  }

  public HttpResponse<String> postJson(String path, String json) {
    return send("POST", path, json, Map.of("Content-Type", "application/json"));
  }

  public HttpResponse<String> send(
      String method, String path, String body, Map<String, String> headers) {
    return send(method, path, body == null ? null : body.getBytes(), headers);
  }

  public HttpResponse<String> send(
      String method, String path, byte[] body, Map<String, String> headers) {
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    headers.forEach(request::setHeader);
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
