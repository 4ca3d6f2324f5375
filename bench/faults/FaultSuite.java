import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The fault suite: steady mixed load against the scaled topology of {@code scripts/cluster} (two
 * {@code serve --no-workers} behind PgBouncer, two workers, Redis) while one fault at a time is
 * injected; per scenario it counts responses by status, 500s, 503s with and without Retry-After,
 * jobs lost or completed twice, analytics events lost, and the time to recovery. Results go to the
 * console and, between markers, into docs/reliability.md. JDK only; started by bench/faults/run.sh,
 * which owns the cluster (and stops it on exit).
 *
 * <p>Settings (system properties): {@code apis} (comma-separated base URLs), {@code key} (file
 * with the API key), {@code cluster} (the scripts/cluster path), {@code archives} (directory of
 * .tar.gz fixtures; {@code large.tar.gz} is used to keep workers busy in the worker scenario),
 * {@code repos} (directory of fixture repositories to register by path), {@code rate} (requests per
 * second of the steady load, default 40), {@code only} (comma-separated scenario numbers), {@code
 * out} (the markdown file to update; none = console only), {@code command} (how it was started, for
 * the record).
 */
public class FaultSuite {

  static final long T0 = System.currentTimeMillis();
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .executor(Executors.newVirtualThreadPerTaskExecutor())
          .build();
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  static final Pattern JOB_LOCATION = Pattern.compile("/api/v1/jobs/([0-9a-f-]{36})");
  static final Pattern ID_FIELD = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
  static final List<String> TERMINAL = List.of("succeeded", "failed", "cancelled");

  static List<String> apis;
  static String key;
  static String cluster;
  static List<byte[]> archives = new ArrayList<>();
  static byte[] largeArchive;
  static final List<String> repositoryIds = new CopyOnWriteArrayList<>();
  static final List<String> jobIds = new CopyOnWriteArrayList<>();
  static List<String> killedWorkerJobs = List.of();

  /** One answered (or failed) request. status -1 = timeout, -2 = connection/IO error. */
  record Sample(
      String op, long start, long end, int status, boolean retryAfter, String detail) {
    boolean good() {
      return status >= 200 && status < 300;
    }
  }

  /** What one scenario measured. */
  record Result(
      int number,
      String name,
      List<Sample> load,
      List<Sample> burst,
      long windowStart,
      long windowEnd,
      long faultStart,
      long faultEnd,
      List<String> jobs,
      String note) {}

  public static void main(String[] args) throws Exception {
    apis = List.of(System.getProperty("apis").split(","));
    key = Files.readString(Path.of(System.getProperty("key"))).strip();
    cluster = System.getProperty("cluster");
    try (var files = Files.list(Path.of(System.getProperty("archives")))) {
      for (Path file : files.sorted().toList()) {
        if (file.getFileName().toString().equals("large.tar.gz")) {
          largeArchive = Files.readAllBytes(file);
        } else if (file.toString().endsWith(".tar.gz")) {
          archives.add(Files.readAllBytes(file));
        }
      }
    }
    if (archives.isEmpty() || largeArchive == null) {
      throw new IllegalStateException("no fixture archives in " + System.getProperty("archives"));
    }
    int rate = Integer.getInteger("rate", 40);
    var only = System.getProperty("only", "1,2,3,4,5,6");
    String loadBefore = loadAverage();
    seed();

    var results = new ArrayList<Result>();
    for (String number : only.split(",")) {
      int n = Integer.parseInt(number.strip());
      results.add(scenario(n, rate));
    }
    var allJobs = results.stream().flatMap(r -> r.jobs().stream()).toList();
    log("all scenarios done; waiting (at most 5 min) for " + allJobs.size() + " jobs to end");
    awaitJobsTerminal(allJobs, Duration.ofMinutes(5));
    log("waiting for the analytics writes to drain");
    awaitAnalyticsQuiet();
    String loadAfter = loadAverage();
    String report = report(results, rate, loadBefore, loadAfter);
    System.out.println(report);
    String out = System.getProperty("out");
    if (out != null && !out.isBlank()) {
      writeBetweenMarkers(Path.of(out), report);
      log("wrote " + out);
    }
    System.exit(0);
  }

  // ---------------------------------------------------------------- scenarios

  static Result scenario(int n, int rate) throws Exception {
    String name =
        switch (n) {
          case 1 -> "pg_terminate_backend of every app connection";
          case 2 -> "PostgreSQL stopped 20 s, then started";
          case 3 -> "PgBouncer restarted";
          case 4 -> "Redis stopped 20 s, then started";
          case 5 -> "kill -9 of a worker in the middle of scans";
          case 6 -> "pool exhaustion: burst of 2,000 concurrent requests";
          default -> throw new IllegalArgumentException("no scenario " + n);
        };
    log("scenario " + n + ": " + name);
    awaitReady(Duration.ofSeconds(120));
    var load = new Load(rate);
    long windowStart = System.currentTimeMillis();
    load.start();
    sleep(Duration.ofSeconds(8));
    List<Sample> burst = List.of();
    String note = "";
    long faultStart = System.currentTimeMillis();
    switch (n) {
      case 1 -> {
        String killed =
            sql(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE datname = 'reviewer' AND pid <> pg_backend_pid()"
                    + " AND backend_type = 'client backend'");
        note = killed.strip() + " backends terminated";
      }
      case 2 -> {
        run(cluster, "pg-stop");
        sleep(Duration.ofSeconds(20));
        run(cluster, "pg-start");
      }
      case 3 -> run(cluster, "pgbouncer-restart");
      case 4 -> {
        run(cluster, "redis-stop");
        sleep(Duration.ofSeconds(20));
        run(cluster, "redis-start");
      }
      case 5 -> {
        // Keep both workers busy with larger scans, then kill one while jobs run.
        for (int i = 0; i < 4; i++) {
          Thread.ofVirtual().start(() -> load.record("scan-large", () -> submitArchive(largeArchive)));
        }
        // db-scheduler names a worker host-PID in scheduled_tasks.picked_by: kill worker 1 while
        // it holds running executions.
        String pid = Files.readString(Path.of(System.getenv("CLUSTER_DIR"), "worker-1.pid")).strip();
        String picked =
            "SELECT s.task_instance FROM scheduled_tasks s JOIN jobs j ON j.id::text = s.task_instance"
                + " WHERE s.picked AND s.picked_by LIKE '%-"
                + pid
                + "' AND j.state = 'running' AND j.progress BETWEEN 5 AND 80";
        long deadline = System.currentTimeMillis() + 60_000;
        List<String> held = List.of();
        while (System.currentTimeMillis() < deadline) {
          held = sql(picked).lines().filter(l -> !l.isBlank()).toList();
          if (!held.isEmpty()) {
            break;
          }
          sleep(Duration.ofMillis(50));
        }
        faultStart = System.currentTimeMillis();
        run(cluster, "worker-kill", "1");
        killedWorkerJobs = held;
        note =
            held.isEmpty()
                ? "worker 1 held no execution within 60 s; killed anyway"
                : "worker 1 held " + held.size() + " running scan(s) at the kill";
      }
      case 6 -> burst = burst(2000);
      default -> throw new IllegalStateException();
    }
    long faultEnd = System.currentTimeMillis();
    log("  fault " + (faultEnd - faultStart) + " ms; waiting for recovery");
    awaitRecovery(load, faultEnd, Duration.ofSeconds(60));
    load.stop();
    long windowEnd = System.currentTimeMillis();
    if (n == 5) {
      run(cluster, "worker-start", "1");
    }
    var jobs = List.copyOf(load.submitted);
    awaitJobsTerminal(jobs, Duration.ofSeconds(n == 5 ? 180 : 60));
    if (n == 5 && !killedWorkerJobs.isEmpty()) {
      String in = killedWorkerJobs.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
      String after =
          sql("SELECT state || ' after ' || attempts || ' attempt(s): ' || count(*) FROM jobs WHERE id::text IN ("
                  + in
                  + ") GROUP BY state, attempts ORDER BY 1")
              .lines()
              .collect(Collectors.joining(", "));
      note += "; those: " + after;
    }
    var result =
        new Result(
            n,
            name,
            List.copyOf(load.samples),
            burst,
            windowStart,
            windowEnd,
            faultStart,
            faultEnd,
            jobs,
            note);
    log("  " + summaryLine(result));
    return result;
  }

  /**
   * Until every request started in the last 5 s (and after the fault ended) got a 2xx, and both
   * instances are ready (at most {@code max}).
   */
  static void awaitRecovery(Load load, long faultEnd, Duration max) {
    long deadline = faultEnd + max.toMillis();
    while (System.currentTimeMillis() < deadline) {
      long now = System.currentTimeMillis();
      long lastBad =
          load.samples.stream().filter(s -> !s.good()).mapToLong(Sample::start).max().orElse(0);
      long quietSince = Math.max(lastBad, faultEnd);
      boolean goodSince =
          load.samples.stream().anyMatch(s -> s.good() && s.start() >= quietSince);
      if (now - quietSince >= 5_000 && goodSince && load.inFlight.get() < 50 && ready()) {
        return;
      }
      sleep(Duration.ofMillis(250));
    }
  }

  static List<Sample> burst(int requests) throws InterruptedException {
    var client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    var samples = new ConcurrentLinkedQueue<Sample>();
    var go = new CountDownLatch(1);
    var done = new CountDownLatch(requests);
    for (int i = 0; i < requests; i++) {
      String base = apis.get(i % apis.size());
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  go.await();
                  samples.add(
                      exchange(
                          client,
                          "burst",
                          get(base + "/api/v1/repositories?limit=20")));
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  done.countDown();
                }
              });
    }
    go.countDown();
    done.await(120, TimeUnit.SECONDS);
    return List.copyOf(samples);
  }

  // ---------------------------------------------------------------- load

  /** Open-loop mixed load: {@code rate} requests per second, each on its own virtual thread. */
  static final class Load {
    final int rate;
    final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    final List<String> submitted = new CopyOnWriteArrayList<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger skipped = new AtomicInteger();
    final AtomicInteger counter = new AtomicInteger();
    ScheduledExecutorService ticker;

    Load(int rate) {
      this.rate = rate;
    }

    void start() {
      ticker = Executors.newSingleThreadScheduledExecutor();
      ticker.scheduleAtFixedRate(this::tick, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
    }

    void tick() {
      if (inFlight.get() >= 2_000) {
        skipped.incrementAndGet();
        return;
      }
      int i = counter.getAndIncrement();
      String base = apis.get(i % apis.size());
      int pick = ThreadLocalRandom.current().nextInt(100);
      Thread.ofVirtual()
          .start(
              () -> {
                if (pick < 40) {
                  record("portfolio (cached)", () -> exchange(HTTP, "", get(base + "/api/v1/portfolio")));
                } else if (pick < 68) {
                  record(
                      "repositories (DB)",
                      () -> exchange(HTTP, "", get(base + "/api/v1/repositories?limit=20")));
                } else if (pick < 95) {
                  if (jobIds.isEmpty()) {
                    record("repositories (DB)", () -> exchange(HTTP, "", get(base + "/api/v1/repositories")));
                  } else {
                    String job = jobIds.get(ThreadLocalRandom.current().nextInt(jobIds.size()));
                    record("job status (DB)", () -> exchange(HTTP, "", get(base + "/api/v1/jobs/" + job)));
                  }
                } else if (pick < 98 || repositoryIds.isEmpty()) {
                  byte[] archive = archives.get(ThreadLocalRandom.current().nextInt(archives.size()));
                  record("scan upload", () -> submitArchive(base, archive));
                } else {
                  String repository =
                      repositoryIds.get(ThreadLocalRandom.current().nextInt(repositoryIds.size()));
                  record("scan repository", () -> submitRepositoryScan(base, repository));
                }
              });
    }

    void record(String op, java.util.function.Supplier<Sample> call) {
      inFlight.incrementAndGet();
      try {
        Sample s = call.get();
        Sample named = new Sample(op, s.start(), s.end(), s.status(), s.retryAfter(), s.detail());
        samples.add(named);
        if (named.status() == 202 && named.detail() != null && named.detail().startsWith("job:")) {
          String id = named.detail().substring(4);
          submitted.add(id);
          jobIds.add(id);
        }
      } finally {
        inFlight.decrementAndGet();
      }
    }

    void stop() {
      ticker.shutdownNow();
      long deadline = System.currentTimeMillis() + 40_000;
      while (inFlight.get() > 0 && System.currentTimeMillis() < deadline) {
        sleep(Duration.ofMillis(100));
      }
    }
  }

  static Sample submitArchive(byte[] archive) {
    return submitArchive(apis.get(ThreadLocalRandom.current().nextInt(apis.size())), archive);
  }

  static Sample submitArchive(String base, byte[] archive) {
    String boundary = "bench" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"fixture.tar.gz\""
                + "\r\nContent-Type: application/gzip\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[head.length + archive.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(archive, 0, body, head.length, archive.length);
    System.arraycopy(tail, 0, body, head.length + archive.length, tail.length);
    var request =
        authorized(base + "/api/v1/scans")
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return exchange(HTTP, "", request);
  }

  static Sample submitRepositoryScan(String base, String repository) {
    var request =
        authorized(base + "/api/v1/repositories/" + repository + "/scans")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build();
    return exchange(HTTP, "", request);
  }

  static HttpRequest.Builder authorized(String url) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(REQUEST_TIMEOUT)
        .header("Authorization", "Bearer " + key);
  }

  static HttpRequest get(String url) {
    return authorized(url).GET().build();
  }

  static Sample exchange(HttpClient client, String op, HttpRequest request) {
    long start = System.currentTimeMillis();
    try {
      var response = client.send(request, HttpResponse.BodyHandlers.ofString());
      long end = System.currentTimeMillis();
      String detail = null;
      if (response.statusCode() == 202) {
        Matcher m =
            JOB_LOCATION.matcher(response.headers().firstValue("Location").orElse(""));
        detail = m.find() ? "job:" + m.group(1) : null;
      } else if (response.statusCode() >= 500) {
        String body = response.body();
        detail = body.length() > 300 ? body.substring(0, 300) : body;
      }
      return new Sample(
          op,
          start,
          end,
          response.statusCode(),
          response.headers().firstValue("Retry-After").isPresent(),
          detail);
    } catch (HttpTimeoutException e) {
      return new Sample(op, start, System.currentTimeMillis(), -1, false, e.toString());
    } catch (ConnectException e) {
      return new Sample(op, start, System.currentTimeMillis(), -2, false, e.toString());
    } catch (IOException e) {
      return new Sample(op, start, System.currentTimeMillis(), -2, false, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Sample(op, start, System.currentTimeMillis(), -2, false, e.toString());
    }
  }

  // ---------------------------------------------------------------- set-up and checks

  /** Registers the fixture repositories by path (once) and remembers their ids. */
  static void seed() throws Exception {
    String repos = System.getProperty("repos");
    if (repos == null) {
      return;
    }
    awaitReady(Duration.ofSeconds(300));
    try (var dirs = Files.list(Path.of(repos))) {
      for (Path dir : dirs.sorted().toList()) {
        String body =
            "{\"name\":\"" + dir.getFileName() + "\",\"path\":\"" + dir.toAbsolutePath() + "\"}";
        var response =
            HTTP.send(
                authorized(apis.getFirst() + "/api/v1/repositories")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = ID_FIELD.matcher(response.body());
        if (response.statusCode() == 201 && m.find()) {
          repositoryIds.add(m.group(1));
        } else {
          log("  registration of " + dir.getFileName() + ": " + response.statusCode() + " " + response.body());
        }
      }
    }
    log("registered " + repositoryIds.size() + " repositories");
  }

  static boolean ready() {
    for (String base : apis) {
      try {
        var response =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(3))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
          return false;
        }
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  static void awaitReady(Duration max) {
    long deadline = System.currentTimeMillis() + max.toMillis();
    while (!ready()) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("the API instances are not ready after " + max);
      }
      sleep(Duration.ofMillis(250));
    }
  }

  static Map<String, String> jobStates(List<String> jobs) {
    var states = new LinkedHashMap<String, String>();
    for (int i = 0; i < jobs.size(); i += 400) {
      var part = jobs.subList(i, Math.min(jobs.size(), i + 400));
      String rows =
          sql(
              "SELECT id, state FROM jobs WHERE id IN ("
                  + part.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","))
                  + ")");
      for (String line : rows.split("\n")) {
        if (line.contains("|")) {
          states.put(line.substring(0, line.indexOf('|')), line.substring(line.indexOf('|') + 1));
        }
      }
    }
    return states;
  }

  static void awaitJobsTerminal(List<String> jobs, Duration max) {
    long deadline = System.currentTimeMillis() + max.toMillis();
    while (System.currentTimeMillis() < deadline) {
      var states = jobStates(jobs);
      long open = jobs.stream().filter(id -> !TERMINAL.contains(states.get(id))).count();
      if (open == 0) {
        return;
      }
      sleep(Duration.ofMillis(500));
    }
  }

  static void awaitAnalyticsQuiet() {
    String last = "";
    long stableSince = System.currentTimeMillis();
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      String now = sql("SELECT count(*) FROM product_events").strip();
      if (!now.equals(last)) {
        last = now;
        stableSince = System.currentTimeMillis();
      } else if (System.currentTimeMillis() - stableSince > 3_000) {
        return;
      }
      sleep(Duration.ofMillis(250));
    }
  }

  // ---------------------------------------------------------------- report

  static Map<String, Long> statusClasses(List<Sample> samples) {
    var counts = new TreeMap<String, Long>();
    for (Sample s : samples) {
      String c = s.status() == -1 ? "timeout" : s.status() == -2 ? "io error" : (s.status() / 100) + "xx";
      counts.merge(c, 1L, Long::sum);
    }
    return counts;
  }

  static String classes(List<Sample> samples) {
    return statusClasses(samples).entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  static long count(List<Sample> samples, java.util.function.Predicate<Sample> p) {
    return samples.stream().filter(p).count();
  }

  record JobCheck(int submitted, int lost, int failed, int twice, String drained) {}

  static JobCheck jobs(Result r) {
    if (r.jobs().isEmpty()) {
      return new JobCheck(0, 0, 0, 0, "-");
    }
    var states = jobStates(r.jobs());
    int lost = (int) r.jobs().stream().filter(id -> !TERMINAL.contains(states.get(id))).count();
    int failed = (int) r.jobs().stream().filter(id -> "failed".equals(states.get(id))).count();
    String in = r.jobs().stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
    int twice =
        Integer.parseInt(
            sql("SELECT count(*) FROM (SELECT job_id FROM job_events WHERE state = 'succeeded' AND job_id IN ("
                    + in
                    + ") GROUP BY job_id HAVING count(*) > 1) t")
                .strip());
    String last =
        sql("SELECT coalesce(floor(extract(epoch FROM max(finished_at)) * 1000)::bigint, 0) FROM jobs WHERE id IN ("
                + in
                + ")")
            .strip();
    long lastFinished = Long.parseLong(last);
    String drained =
        lastFinished == 0 ? "-" : seconds(Math.max(0, lastFinished - r.faultEnd()));
    return new JobCheck(r.jobs().size(), lost, failed, twice, drained);
  }

  record EventCheck(long expected, long stored) {}

  /** Every 2xx API answer is one api.request event with a 2xx status; count both in the window. */
  static EventCheck events(Result r) {
    var all = new ArrayList<Sample>(r.load());
    all.addAll(r.burst());
    long expected = count(all, Sample::good);
    long stored =
        Long.parseLong(
            sql("SELECT count(*) FROM product_events WHERE kind = 'api.request'"
                    + " AND attributes->>'status' LIKE '2%' AND occurred_at >= to_timestamp("
                    + (r.windowStart() - 500) / 1000.0
                    + ") AND occurred_at <= to_timestamp("
                    + (r.windowEnd() + 1000) / 1000.0
                    + ")")
                .strip());
    return new EventCheck(expected, stored);
  }

  static long recoveryMillis(Result r) {
    var all = new ArrayList<Sample>(r.load());
    all.addAll(r.burst());
    long lastBad = all.stream().filter(s -> !s.good()).mapToLong(Sample::start).max().orElse(0);
    return Math.max(0, lastBad - r.faultEnd());
  }

  static String summaryLine(Result r) {
    var all = new ArrayList<Sample>(r.load());
    all.addAll(r.burst());
    return String.format(
        "%d requests (%s), 500: %d, 503 with Retry-After: %d, jobs %d, recovery %s%s",
        all.size(),
        classes(all),
        count(all, s -> s.status() == 500),
        count(all, s -> s.status() == 503 && s.retryAfter()),
        r.jobs().size(),
        seconds(recoveryMillis(r)),
        r.note().isEmpty() ? "" : " (" + r.note() + ")");
  }

  static String report(List<Result> results, int rate, String loadBefore, String loadAfter) {
    var md = new StringBuilder();
    String when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC).format(Instant.ofEpochMilli(T0));
    md.append("Run of ")
        .append(when)
        .append(" UTC, commit `")
        .append(System.getProperty("commit", "?"))
        .append("`, ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, load average ")
        .append(loadBefore)
        .append(" before and ")
        .append(loadAfter)
        .append(" after. Command: `")
        .append(System.getProperty("command", "bench/faults/run.sh"))
        .append("`. Steady load: ")
        .append(rate)
        .append(" requests/s, open loop, alternating between the two API instances (40 % `GET /api/v1/portfolio`,")
        .append(" 28 % `GET /api/v1/repositories`, 27 % `GET /api/v1/jobs/{id}`, 3 % archive upload `POST /api/v1/scans`,")
        .append(" 2 % `POST /api/v1/repositories/{id}/scans`), client timeout 30 s.\n\n");
    md.append("| # | Scenario | Requests | By status class | 500 | 503 with / without Retry-After |")
        .append(" Jobs submitted | Jobs lost | Jobs failed | Completed twice | Events lost (2xx answers → stored) |")
        .append(" Recovery | Jobs drained |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Result r : results) {
      var all = new ArrayList<Sample>(r.load());
      all.addAll(r.burst());
      var jobs = jobs(r);
      var events = events(r);
      md.append("| ")
          .append(r.number())
          .append(" | ")
          .append(r.name())
          .append(r.note().isEmpty() ? "" : " (" + r.note() + ")")
          .append(" | ")
          .append(all.size())
          .append(" | ")
          .append(classes(all))
          .append(" | ")
          .append(count(all, s -> s.status() == 500))
          .append(" | ")
          .append(count(all, s -> s.status() == 503 && s.retryAfter()))
          .append(" / ")
          .append(count(all, s -> s.status() == 503 && !s.retryAfter()))
          .append(" | ")
          .append(jobs.submitted())
          .append(" | ")
          .append(jobs.lost())
          .append(" | ")
          .append(jobs.failed())
          .append(" | ")
          .append(jobs.twice())
          .append(" | ")
          .append(Math.max(0, events.expected() - events.stored()))
          .append(" (")
          .append(events.expected())
          .append(" → ")
          .append(events.stored())
          .append(") | ")
          .append(seconds(recoveryMillis(r)))
          .append(" | ")
          .append(jobs.drained())
          .append(" |\n");
    }
    md.append("\nPer scenario and operation (non-2xx answers only):\n\n```\n");
    for (Result r : results) {
      var all = new ArrayList<Sample>(r.load());
      all.addAll(r.burst());
      var byOp = new TreeMap<String, List<Sample>>();
      for (Sample s : all) {
        byOp.computeIfAbsent(s.op(), k -> new ArrayList<>()).add(s);
      }
      md.append("scenario ").append(r.number()).append(": fault ").append(seconds(r.faultEnd() - r.faultStart())).append('\n');
      for (var e : byOp.entrySet()) {
        var bad = e.getValue().stream().filter(s -> !s.good()).toList();
        var codes =
            bad.stream()
                .collect(Collectors.groupingBy(s -> s.status() + (s.status() == 503 && s.retryAfter() ? "+Retry-After" : ""), TreeMap::new, Collectors.counting()));
        md.append(String.format("  %-20s %5d requests, p50 %s, p99 %s; non-2xx %s%n", e.getKey(), e.getValue().size(), percentile(e.getValue(), 50), percentile(e.getValue(), 99), codes.isEmpty() ? "none" : codes));
      }
      all.stream()
          .filter(s -> s.status() == 500 || s.status() < 0)
          .map(s -> s.status() + " " + s.op() + ": " + s.detail())
          .distinct()
          .limit(3)
          .forEach(line -> md.append("    e.g. ").append(line.replace('\n', ' ')).append('\n'));
    }
    md.append("```\n");
    return md.toString();
  }

  static String percentile(List<Sample> samples, int p) {
    var sorted = samples.stream().map(s -> s.end() - s.start()).sorted(Comparator.naturalOrder()).toList();
    if (sorted.isEmpty()) {
      return "-";
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index)) + " ms";
  }

  static String seconds(long millis) {
    return String.format("%.1f s", millis / 1000.0);
  }

  static void writeBetweenMarkers(Path file, String report) throws IOException {
    String begin = "<!-- fault-suite:begin (generated by bench/faults/run.sh; edits inside are overwritten) -->";
    String end = "<!-- fault-suite:end -->";
    String text = Files.readString(file);
    int b = text.indexOf(begin);
    int e = text.indexOf(end);
    String block = begin + "\n" + report + end;
    if (b >= 0 && e > b) {
      text = text.substring(0, b) + block + text.substring(e + end.length());
    } else {
      text = text.stripTrailing() + "\n\n" + block + "\n";
    }
    Files.writeString(file, text);
  }

  // ---------------------------------------------------------------- helpers

  static String sql(String query) {
    return run(cluster, "sql", query);
  }

  static String run(String... command) {
    try {
      // Output through a file: a started server must not keep a pipe of ours open.
      Path output = Files.createTempFile("fault-suite", ".out");
      try {
        var process =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        boolean exited = process.waitFor(120, TimeUnit.SECONDS);
        String out = Files.readString(output);
        if (!exited || process.exitValue() != 0) {
          process.destroyForcibly();
          throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " / " + parts[1] + " / " + parts[2];
    } catch (IOException e) {
      return "?";
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void log(String message) {
    System.err.printf("[%6.1f s] %s%n", (System.currentTimeMillis() - T0) / 1000.0, message);
  }
}
