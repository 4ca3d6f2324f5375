import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * 1,000 concurrent clients (closed loop: each sends its next request when the previous answered)
 * against one or more URLs for a fixed time, while a sampler counts the physical PostgreSQL
 * connections of the database in {@code pg_stat_activity} (client backends, the sampler's own
 * connection excluded) as fast as it can. Prints one {@code result:} line.
 *
 * <p>Usage: {@code java -cp postgresql.jar ConnectionBench.java LABEL JDBC_URL SECONDS CLIENTS
 * AUTH_HEADER URL...} (AUTH_HEADER "-" for none).
 */
public class ConnectionBench {

  public static void main(String[] args) throws Exception {
    String label = args[0];
    String jdbc = args[1];
    int seconds = Integer.parseInt(args[2]);
    int clients = Integer.parseInt(args[3]);
    String auth = args[4];
    List<String> urls = List.of(args).subList(5, args.length);

    var stop = new java.util.concurrent.atomic.AtomicBoolean();
    var samples = new AtomicInteger();
    var max = new AtomicInteger();
    var idle = new AtomicInteger(-1);
    var sampler =
        Thread.ofPlatform()
            .start(
                () -> {
                  try (var c = DriverManager.getConnection(jdbc);
                      var s =
                          c.prepareStatement(
                              "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
                                  + " AND datname = current_database() AND pid <> pg_backend_pid()")) {
                    while (!stop.get()) {
                      try (var rows = s.executeQuery()) {
                        rows.next();
                        int n = rows.getInt(1);
                        idle.compareAndSet(-1, n);
                        max.accumulateAndGet(n, Math::max);
                        samples.incrementAndGet();
                      }
                      Thread.sleep(20);
                    }
                  } catch (Exception e) {
                    System.err.println("sampler: " + e);
                  }
                });
    while (idle.get() < 0) {
      Thread.sleep(10);
    }

    var client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(30))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    var statuses = new ConcurrentHashMap<String, LongAdder>();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    var done = new CountDownLatch(clients);
    long started = System.nanoTime();
    for (int i = 0; i < clients; i++) {
      String url = urls.get(i % urls.size());
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  var builder =
                      HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET();
                  if (!auth.equals("-")) {
                    builder.header("Authorization", auth);
                  }
                  var request = builder.build();
                  while (System.nanoTime() < end) {
                    String key;
                    try {
                      var response = client.send(request, HttpResponse.BodyHandlers.discarding());
                      key = Integer.toString(response.statusCode());
                      if (response.statusCode() == 503
                          && response.headers().firstValue("Retry-After").isPresent()) {
                        key = "503+Retry-After";
                      }
                    } catch (java.net.http.HttpTimeoutException e) {
                      key = "timeout";
                    } catch (java.io.IOException e) {
                      key = "io error";
                    }
                    statuses.computeIfAbsent(key, k -> new LongAdder()).increment();
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  done.countDown();
                }
              });
    }
    done.await();
    double wall = (System.nanoTime() - started) / 1e9;
    stop.set(true);
    sampler.join();
    Map<String, Long> counts = new TreeMap<>();
    statuses.forEach((k, v) -> counts.put(k, v.sum()));
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    System.out.printf(
        "result: %s clients=%d seconds=%.1f requests=%d rate=%.0f/s statuses=%s pg_connections_idle=%d pg_connections_max=%d samples=%d%n",
        label, clients, wall, total, total / wall, counts, idle.get(), max.get(), samples.get());
    System.exit(0);
  }
}
