package com.architectreviewer.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;

/**
 * A git host on 127.0.0.1: real git's smart HTTP ({@code git http-backend} as a CGI) serving the
 * repositories under a folder, with faults a real host shows on demand: 5xx answers, dropped
 * connections, answers that never come, and authentication required.
 */
public final class GitHttpServer implements AutoCloseable {

  /** What the host does instead of answering a request. */
  public enum Fault {
    /** 503 Service Unavailable. */
    UNAVAILABLE_503,
    /** 502 Bad Gateway. */
    BAD_GATEWAY_502,
    /** The connection is closed before any answer. */
    DROP_CONNECTION,
    /** No answer until the server is closed (the client times out). */
    HANG,
    /** 401 with a Basic challenge: the repository needs credentials. */
    AUTH_REQUIRED_401
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Path root;
  private final Path git;
  private final Queue<Fault> next = new ConcurrentLinkedQueue<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final AtomicInteger requests = new AtomicInteger();
  private volatile Fault always;

  private GitHttpServer(Path root, Path git) throws IOException {
    this.root = root;
    this.git = git;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/git/", this::handle);
    server.start();
  }

  /** Serves the repositories under {@code root} (each a sub-folder) at {@link #url(String)}. */
  public static GitHttpServer start(Path root) {
    Path git = ExternalTool.require("git", "git");
    try {
      return new GitHttpServer(root, git);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:PORT/git/NAME}. */
  public String url(String repository) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/git/" + repository;
  }

  /** The next requests meet these faults, one each, in order. */
  public void failNext(Fault... faults) {
    next.addAll(java.util.List.of(faults));
  }

  /** Every request meets this fault until it is set to null. */
  public void failAlways(Fault fault) {
    always = fault;
  }

  /** Requests received so far (faulty ones included). */
  public int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    threads.shutdownNow();
  }

  /**
   * Creates repository {@code name} under the root: branch {@code main} with the files of {@code
   * fixture}, tag {@code v1} (annotated) on it, then branch {@code release/2.x} with {@code
   * src/release-only.ts} and a copy of the fixture's {@code src/app/api/login/route.ts} (when it
   * has one) as {@code src/app/api/release/route.ts}, and a later commit on {@code main} ({@code
   * src/main-only.ts}).
   */
  public Path createRepository(String name, Path fixture) {
    Path dir = root.resolve(name);
    try (var files = Files.walk(fixture);
        var repo = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path target = dir.resolve(fixture.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
      commit(repo, "fixture");
      repo.tag().setName("v1").setMessage("first release").setAnnotated(true).call();
      repo.checkout().setCreateBranch(true).setName("release/2.x").call();
      Files.writeString(dir.resolve("src/release-only.ts"), "export const release = 2;\n");
      Path login = dir.resolve("src/app/api/login/route.ts");
      if (Files.exists(login)) {
        Path copy = dir.resolve("src/app/api/release/route.ts");
        Files.createDirectories(copy.getParent());
        Files.copy(login, copy);
      }
      commit(repo, "release branch");
      repo.checkout().setName("main").call();
      Files.writeString(dir.resolve("src/main-only.ts"), "export const main = true;\n");
      commit(repo, "main moves on");
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (org.eclipse.jgit.api.errors.GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void commit(Git repo, String message)
      throws org.eclipse.jgit.api.errors.GitAPIException {
    repo.add().addFilepattern(".").call();
    repo.commit()
        .setMessage(message)
        .setAuthor("t", "t@example.invalid")
        .setCommitter("t", "t@example.invalid")
        .setSign(false)
        .call();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (exchange) {
      Fault fault = next.poll();
      if (fault == null) {
        fault = always;
      }
      if (fault != null) {
        fail(exchange, fault);
        return;
      }
      cgi(exchange);
    }
  }

  private void fail(HttpExchange exchange, Fault fault) throws IOException {
    switch (fault) {
      case UNAVAILABLE_503 -> exchange.sendResponseHeaders(503, -1);
      case BAD_GATEWAY_502 -> exchange.sendResponseHeaders(502, -1);
      case AUTH_REQUIRED_401 -> {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
        exchange.sendResponseHeaders(401, -1);
      }
      case DROP_CONNECTION -> {
        // closing the exchange before any header closes the connection
      }
      case HANG -> {
        try {
          closing.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** Runs {@code git http-backend} for the request, as a web server runs a CGI program. */
  private void cgi(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String path =
        URLDecoder.decode(
            exchange.getRequestURI().getRawPath().substring("/git".length()),
            StandardCharsets.UTF_8);
    var process = new ProcessBuilder(git.toString(), "http-backend");
    Map<String, String> env = process.environment();
    env.put("GIT_PROJECT_ROOT", root.toAbsolutePath().toString());
    env.put("GIT_HTTP_EXPORT_ALL", "1");
    env.put("PATH_INFO", path);
    env.put("REQUEST_METHOD", exchange.getRequestMethod());
    String query = exchange.getRequestURI().getRawQuery();
    env.put("QUERY_STRING", query == null ? "" : query);
    env.put("CONTENT_LENGTH", Integer.toString(body.length));
    env.put("REMOTE_ADDR", "127.0.0.1");
    header(exchange, "Content-Type").ifPresent(v -> env.put("CONTENT_TYPE", v));
    header(exchange, "Content-Encoding").ifPresent(v -> env.put("HTTP_CONTENT_ENCODING", v));
    header(exchange, "Git-Protocol").ifPresent(v -> env.put("GIT_PROTOCOL", v));
    process.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process cgi = process.start();
    var writer =
        threads.submit(() -> {
          try (OutputStream in = cgi.getOutputStream()) {
            in.write(body);
          }
          return null;
        });
    byte[] output;
    try (InputStream out = cgi.getInputStream()) {
      output = out.readAllBytes();
    }
    try {
      writer.get(1, TimeUnit.MINUTES);
      cgi.waitFor(1, TimeUnit.MINUTES);
    } catch (Exception e) {
      cgi.destroyForcibly();
      throw new IOException("git http-backend did not finish", e);
    }
    respond(exchange, output);
  }

  /** Turns the CGI output (headers, blank line, body) into the HTTP answer. */
  private static void respond(HttpExchange exchange, byte[] output) throws IOException {
    int split = -1;
    int skip = 0;
    for (int i = 0; i < output.length - 1; i++) {
      if (output[i] == '\n' && output[i + 1] == '\n') {
        split = i;
        skip = 2;
        break;
      }
      if (i < output.length - 3
          && output[i] == '\r'
          && output[i + 1] == '\n'
          && output[i + 2] == '\r'
          && output[i + 3] == '\n') {
        split = i;
        skip = 4;
        break;
      }
    }
    if (split < 0) {
      exchange.sendResponseHeaders(500, -1);
      return;
    }
    int status = 200;
    for (String line : new String(output, 0, split, StandardCharsets.ISO_8859_1).split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Status")) {
        status = Integer.parseInt(value.split(" ")[0]);
      } else {
        exchange.getResponseHeaders().add(name, value);
      }
    }
    var content = new ByteArrayOutputStream();
    content.write(output, split + skip, output.length - split - skip);
    byte[] bytes = content.toByteArray();
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream response = exchange.getResponseBody()) {
        response.write(bytes);
      }
    }
  }

  private static java.util.Optional<String> header(HttpExchange exchange, String name) {
    return java.util.Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
  }
}
