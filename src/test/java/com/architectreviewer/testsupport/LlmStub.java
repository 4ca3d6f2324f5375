package com.architectreviewer.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local HTTP server on 127.0.0.1 that speaks the LLM provider APIs (OpenAI chat completions and
 * Anthropic messages): the one external boundary the tests cannot reach. Each provider gets a path
 * prefix ({@link #baseUrl(String)}); its replies are scripted per prefix, and every request it
 * receives is recorded.
 */
public final class LlmStub implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
  private final Map<String, Reply> defaults = new ConcurrentHashMap<>();
  private final Map<String, List<Received>> received = new ConcurrentHashMap<>();

  private LlmStub(HttpServer server) {
    this.server = server;
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public static LlmStub start() {
    try {
      return new LlmStub(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The base URL of one simulated provider. */
  public URI baseUrl(String prefix) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + prefix);
  }

  /** Replies given one after the other; when they run out, the {@link #always} reply is used. */
  public LlmStub script(String prefix, Reply... replies) {
    scripts.computeIfAbsent(prefix, p -> new ArrayDeque<>()).addAll(List.of(replies));
    return this;
  }

  public LlmStub always(String prefix, Reply reply) {
    defaults.put(prefix, reply);
    return this;
  }

  /** Forgets scripts and recorded requests of every prefix. */
  public void reset() {
    scripts.clear();
    defaults.clear();
    received.clear();
  }

  public List<Received> received(String prefix) {
    return List.copyOf(received.getOrDefault(prefix, List.of()));
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String prefix = path.substring(1, Math.max(1, path.indexOf('/', 1)));
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    received
        .computeIfAbsent(prefix, p -> new CopyOnWriteArrayList<>())
        .add(new Received(path, exchange.getRequestHeaders(), body, System.nanoTime()));
    Reply reply = next(prefix);
    try {
      if (!reply.delay().isZero()) {
        // Simulates a slow provider; ends early when the stub closes.
        closing.await(reply.delay().toMillis(), TimeUnit.MILLISECONDS);
      }
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException clientGone) {
      // the caller timed out and closed the connection
    } finally {
      exchange.close();
    }
  }

  private Reply next(String prefix) {
    Deque<Reply> script = scripts.get(prefix);
    synchronized (this) {
      if (script != null && !script.isEmpty()) {
        return script.poll();
      }
    }
    return defaults.getOrDefault(prefix, Reply.status(404));
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  /** One request the stub received. */
  public record Received(
      String path, Map<String, List<String>> headers, String body, long receivedNanos) {

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }
  }

  /** One scripted answer. */
  public record Reply(int status, Map<String, String> headers, String body, Duration delay) {

    public static Reply status(int status) {
      return new Reply(
          status, Map.of(), "{\"error\":{\"message\":\"stub " + status + "\"}}", Duration.ZERO);
    }

    public static Reply openAi(String text, int inputTokens, int outputTokens) {
      String body =
          """
          {"id":"chatcmpl-1","object":"chat.completion","model":"stub",
           "choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop"}],
           "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}
          """
              .formatted(quote(text), inputTokens, outputTokens, inputTokens + outputTokens);
      return new Reply(200, Map.of(), body, Duration.ZERO);
    }

    public static Reply anthropic(String text, int inputTokens, int outputTokens) {
      String body =
          """
          {"id":"msg_1","type":"message","role":"assistant","model":"stub",
           "content":[{"type":"text","text":%s}],"stop_reason":"end_turn",
           "usage":{"input_tokens":%d,"output_tokens":%d}}
          """
              .formatted(quote(text), inputTokens, outputTokens);
      return new Reply(200, Map.of(), body, Duration.ZERO);
    }

    public static Reply malformed() {
      return new Reply(200, Map.of(), "{\"choices\": [ this is not json", Duration.ZERO);
    }

    public Reply withHeader(String name, String value) {
      var all = new java.util.HashMap<>(headers);
      all.put(name, value);
      return new Reply(status, Map.copyOf(all), body, delay);
    }

    public Reply after(Duration wait) {
      return new Reply(status, headers, body, wait);
    }

    private static String quote(String text) {
      return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
  }
}
