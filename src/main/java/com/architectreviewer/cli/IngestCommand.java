package com.architectreviewer.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code reviewer ingest MANIFEST --server URL}: sends a portfolio manifest to a running platform,
 * follows the ingest job with a progress bar on stderr and prints each repository's outcome. No
 * Spring context: it is an HTTP client.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Ingests a portfolio into a running platform: registers every repository of MANIFEST,",
      "scans each one, and prints each repository's outcome.",
      "MANIFEST is YAML or JSON: {repositories: [{name, url | path, branch, tags}]},",
      "{urls: [...]} or {folder: /server/side/dir}. '-' reads it from standard input."
    },
    footerHeading = "%nEnvironment:%n",
    footer = {
      "  REVIEWER_API_KEY   API key of the tenant (required); never printed",
      "  REVIEWER_SERVER    default of --server",
      "%nExit codes: 0 every repository scanned, 1 some failed, 2 usage or server error."
    })
final class IngestCommand implements Callable<Integer> {

  static final int ALL_SCANNED = 0;
  static final int SOME_FAILED = 1;
  static final int USAGE = 2;
  private static final int BAR_WIDTH = 30;

  @Parameters(paramLabel = "MANIFEST", description = "YAML or JSON manifest file, or '-'")
  String manifest;

  @Option(
      names = "--server",
      defaultValue = "${env:REVIEWER_SERVER:-http://127.0.0.1:8080}",
      description = "Base URL of the platform (default: REVIEWER_SERVER or http://127.0.0.1:8080).")
  String server;

  @Option(
      names = "--timeout",
      defaultValue = "PT30M",
      description = "Longest wait for the ingest to finish, ISO-8601 (default PT30M).")
  Duration timeout;

  @Option(names = "--no-wait", description = "Print the job and return without following it.")
  boolean noWait;

  private final Map<String, String> environment;
  private final PrintStream out;
  private final PrintStream err;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final JsonMapper json = JsonMapper.builder().build();

  IngestCommand() {
    this(System.getenv(), System.out, System.err);
  }

  IngestCommand(Map<String, String> environment, PrintStream out, PrintStream err) {
    this.environment = environment;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws InterruptedException {
    try {
      return ingest();
    } catch (Refused e) {
      err.println("reviewer ingest: " + e.getMessage());
      return USAGE;
    }
  }

  private int ingest() throws InterruptedException {
    String key = environment.get("REVIEWER_API_KEY");
    if (key == null || key.isBlank()) {
      throw new Refused("set REVIEWER_API_KEY to an API key of your tenant");
    }
    URI base = base(server);
    String body = readManifest();
    String type = body.stripLeading().startsWith("{") ? "application/json" : "application/yaml";
    var accepted = send(key, base, "POST", "/api/v1/portfolio/ingest", body, type);
    if (accepted.statusCode() != 202) {
      throw new Refused(problem(accepted));
    }
    JsonNode job = parse(accepted.body());
    String jobId = job.path("id").asString();
    err.println("Ingest " + jobId + ": " + job.path("repositories").asInt() + " repositories");
    if (noWait) {
      out.println(base.resolve("/api/v1/jobs/" + jobId));
      return ALL_SCANNED;
    }
    JsonNode finished = follow(key, base, jobId);
    var result = send(key, base, "GET", "/api/v1/portfolio/ingests/" + jobId, null, null);
    if (result.statusCode() != 200) {
      throw new Refused(problem(result));
    }
    return report(finished, parse(result.body()));
  }

  private JsonNode follow(String key, URI base, String jobId) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    boolean terminal = Terminal.interactive();
    while (true) {
      var response = send(key, base, "GET", "/api/v1/jobs/" + jobId, null, null);
      if (response.statusCode() != 200) {
        throw new Refused(problem(response));
      }
      JsonNode job = parse(response.body());
      String state = job.path("state").asString();
      bar(job.path("progress").asInt(), job.path("stage").asString(""), terminal);
      if (state.equals("succeeded") || state.equals("failed") || state.equals("cancelled")) {
        err.println();
        return job;
      }
      if (Instant.now().isAfter(deadline)) {
        err.println();
        throw new Refused(
            "the ingest did not finish within " + timeout + "; follow it at /api/v1/jobs/" + jobId);
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
  }

  private void bar(int percent, String stage, boolean terminal) {
    int filled = Math.max(0, Math.min(BAR_WIDTH, percent * BAR_WIDTH / 100));
    String line =
        "["
            + "#".repeat(filled)
            + "-".repeat(BAR_WIDTH - filled)
            + "] "
            + String.format(Locale.ROOT, "%3d%% %s", percent, stage);
    if (terminal) {
      err.print("\r" + line + "   ");
    } else {
      err.println(line);
    }
    err.flush();
  }

  private int report(JsonNode job, JsonNode result) {
    int failed = 0;
    for (JsonNode repository : result.path("repositories")) {
      String state = repository.path("state").asString();
      String where =
          repository.path("url").isString()
              ? repository.path("url").asString()
              : repository.path("path").asString("");
      String detail =
          state.equals("succeeded")
              ? repository.path("scan").asString("")
              : repository.path("error").asString("");
      out.printf(
          Locale.ROOT,
          "%-10s %-40s %s %s%n",
          state,
          repository.path("name").asString(),
          where,
          detail);
      if (!state.equals("succeeded")) {
        failed++;
      }
    }
    if (!job.path("state").asString().equals("succeeded")) {
      err.println(
          "The ingest job " + job.path("state").asString() + ": " + job.path("error").asString(""));
      return SOME_FAILED;
    }
    return failed == 0 ? ALL_SCANNED : SOME_FAILED;
  }

  private String readManifest() {
    try {
      String text =
          manifest.equals("-")
              ? new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
              : Files.readString(Path.of(manifest));
      if (text.isBlank()) {
        throw new Refused("the manifest " + manifest + " is empty");
      }
      return text;
    } catch (NoSuchFileException e) {
      throw new Refused("no manifest at " + manifest);
    } catch (IOException | java.nio.file.InvalidPathException e) {
      throw new Refused(
          "cannot read the manifest " + manifest + ": " + e.getClass().getSimpleName());
    }
  }

  private static URI base(String server) {
    try {
      URI uri = new URI(server.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new Refused("--server must be an http(s) URL such as http://127.0.0.1:8080");
      }
      if (uri.getRawUserInfo() != null) {
        throw new Refused("--server must not carry credentials; use REVIEWER_API_KEY");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new Refused("--server is not a valid URL");
    }
  }

  private HttpResponse<String> send(
      String key, URI base, String method, String path, String body, String type)
      throws InterruptedException {
    var request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + key)
            .header("Accept", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (type != null) {
      request.header("Content-Type", type);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new Refused("cannot connect to " + base + "; is 'reviewer serve' running there?");
    } catch (HttpTimeoutException e) {
      throw new Refused(base + " did not answer within 60 s");
    } catch (IOException e) {
      throw new Refused("talking to " + base + " failed: " + e.getClass().getSimpleName());
    }
  }

  /** A one-line description of an error answer, from its problem details. */
  private String problem(HttpResponse<String> response) {
    try {
      JsonNode problem = json.readTree(response.body());
      var line = new StringBuilder("the server answered " + response.statusCode());
      if (problem.path("detail").isString()) {
        line.append(": ").append(problem.path("detail").asString());
      }
      for (JsonNode error : problem.path("errors")) {
        line.append(" [")
            .append(error.path("field").asString())
            .append(' ')
            .append(error.path("message").asString())
            .append(']');
      }
      return line.toString();
    } catch (JacksonException e) {
      return "the server answered " + response.statusCode();
    }
  }

  private JsonNode parse(String body) {
    try {
      return json.readTree(body);
    } catch (JacksonException e) {
      throw new Refused("the server's answer is not JSON");
    }
  }

  /** A usage or server error: printed as one line, exit code 2. */
  static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message, null, false, false);
    }
  }
}
