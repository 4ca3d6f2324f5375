import com.architectreviewer.analytics.NonCriticalWrites;
import com.architectreviewer.cache.CacheKey;
import com.architectreviewer.cache.CacheTags;
import com.architectreviewer.cache.Cached;
import com.architectreviewer.cache.TaggedCache;
import com.architectreviewer.testsupport.TestDatabase;
import com.architectreviewer.testsupport.TestInstances;
import com.architectreviewer.testsupport.TestRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Tagged cache and non-critical writes on a real app instance (embedded PostgreSQL 17, Redis 6.2):
 *
 * <ol>
 *   <li>cache: reads of 200 tenants' portfolio-like aggregate (skewed: 80 % of reads on 20 % of
 *       tenants) with a soft revalidation of a random tenant every 200 reads; hit ratio and p50/p99
 *       of cached reads vs the uncached query.
 *   <li>analytics: p50/p99 of HTTP requests with no write, with the event through
 *       NonCriticalWrites, and with the same INSERT done inline; then the async variant while a
 *       lock blocks the table (breaker open), and the event counts afterwards.
 * </ol>
 *
 * Run with bench/cache/run.sh.
 */
public class CacheBench {

  static final int TENANTS = 200;
  static final int CACHE_READS = Integer.getInteger("reads", 50_000);
  static final int HTTP_REQUESTS = Integer.getInteger("requests", 3_000);
  static final int THREADS = 8;

  public static void main(String[] args) throws Exception {
    var redis = TestRedis.startNew();
    String db = TestDatabase.freshDatabase();
    var app =
        TestInstances.start(
            Map.of(
                "DATABASE_URL", db,
                "REDIS_URL", redis.url(),
                "reviewer.db.pool-timeout", "2s",
                "reviewer.analytics.open-for", "1s",
                "logging.level.root", "WARN"),
            beans -> beans.registerBean("benchRoutes", RouterFunction.class, () -> routes(beans)));
    try {
      seed(app);
      cache(app);
      analytics(app, db);
    } finally {
      app.close();
      redis.close();
      System.exit(0);
    }
  }

  static RouterFunction<ServerResponse> routes(org.springframework.context.ApplicationContext beans) {
    UUID tenant = UUID.randomUUID();
    return RouterFunctions.route()
        .GET("/bench/none", r -> ServerResponse.ok().body("ok"))
        .GET(
            "/bench/async",
            r -> {
              beans
                  .getBean(NonCriticalWrites.class)
                  .event(tenant, null, "bench.viewed", Map.of("route", "/bench/async"));
              return ServerResponse.ok().body("ok");
            })
        .GET(
            "/bench/inline",
            r -> {
              beans
                  .getBean(JdbcClient.class)
                  .sql(
                      "INSERT INTO product_events (write_id, tenant_id, kind, attributes, occurred_at)"
                          + " VALUES (?, ?, 'bench.viewed', '{}'::jsonb, now())")
                  .params(UUID.randomUUID(), tenant)
                  .update();
              return ServerResponse.ok().body("ok");
            })
        .build();
  }

  static void seed(ConfigurableApplicationContext app) {
    var jdbc = app.getBean(JdbcClient.class);
    jdbc.sql("CREATE TABLE bench_findings (tenant int, severity int, rule text, repo int)").update();
    jdbc.sql(
            "INSERT INTO bench_findings SELECT g % 200, g % 5, 'AR-' || (g % 40), g % 1000"
                + " FROM generate_series(1, 400000) g")
        .update();
    jdbc.sql("CREATE INDEX ON bench_findings (tenant)").update();
    jdbc.sql("ANALYZE bench_findings").update();
  }

  static String portfolio(JdbcClient jdbc, int tenant) {
    return jdbc.sql(
            "SELECT string_agg(rule || ':' || n, ',') FROM (SELECT rule, count(*) n FROM bench_findings"
                + " WHERE tenant = ? GROUP BY rule ORDER BY n DESC LIMIT 10) t")
        .param(tenant)
        .query(String.class)
        .single();
  }

  static void cache(ConfigurableApplicationContext app) throws Exception {
    var jdbc = app.getBean(JdbcClient.class);
    var cache = app.getBean(TaggedCache.class);
    var random = new Random(42);
    UUID[] ids = new UUID[TENANTS];
    for (int i = 0; i < TENANTS; i++) {
      ids[i] = UUID.randomUUID();
    }
    // Uncached: the query itself.
    long[] uncached = new long[2_000];
    for (int i = 0; i < uncached.length; i++) {
      int t = random.nextInt(TENANTS);
      long s = System.nanoTime();
      portfolio(jdbc, t);
      uncached[i] = System.nanoTime() - s;
    }
    long[] cached = new long[CACHE_READS];
    var outcomes = new int[Cached.Outcome.values().length];
    for (int i = 0; i < CACHE_READS; i++) {
      int t = random.nextDouble() < 0.8 ? random.nextInt(TENANTS / 5) : random.nextInt(TENANTS);
      if (i % 200 == 199) {
        cache.revalidateTag(CacheTags.portfolio(ids[random.nextInt(TENANTS)]));
      }
      String tag = CacheTags.portfolio(ids[t]);
      long s = System.nanoTime();
      var read = cache.get(CacheKey.of("portfolio", tag, tag), () -> portfolio(jdbc, t));
      cached[i] = System.nanoTime() - s;
      outcomes[read.outcome().ordinal()]++;
    }
    int hits = outcomes[Cached.Outcome.HIT.ordinal()];
    int stale = outcomes[Cached.Outcome.STALE.ordinal()] + outcomes[Cached.Outcome.STALE_REFRESH_FAILED.ordinal()];
    System.out.printf(
        "cache: %d reads, outcomes %s, hit ratio %.1f %% (fresh hits), %.1f %% (hits incl. stale-while-revalidate)%n",
        CACHE_READS,
        Arrays.toString(outcomes),
        100.0 * hits / CACHE_READS,
        100.0 * (hits + stale) / CACHE_READS);
    System.out.printf("cache: uncached query   %s%n", percentiles(uncached));
    System.out.printf("cache: read through cache %s%n", percentiles(cached));
  }

  static void analytics(ConfigurableApplicationContext app, String db) throws Exception {
    int port = TestInstances.port(app);
    var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    for (String mode : List.of("none", "async", "inline")) {
      load(http, port, mode, 500); // warm-up
    }
    for (String mode : List.of("none", "async", "inline", "none", "async", "inline")) {
      System.out.printf("http %-6s: %s%n", mode, percentiles(load(http, port, mode, HTTP_REQUESTS)));
    }
    var jdbc = app.getBean(JdbcClient.class);
    var meters = app.getBean(io.micrometer.core.instrument.MeterRegistry.class);
    long before = jdbc.sql("SELECT count(*) FROM product_events WHERE kind = 'bench.viewed'").query(Long.class).single();
    double writtenBefore = meters.counter("reviewer.analytics.written").count();
    try (var lock = DriverManager.getConnection(db)) {
      lock.setAutoCommit(false);
      lock.createStatement().execute("LOCK TABLE product_events IN SHARE MODE");
      long s = System.nanoTime();
      long[] locked = load(http, port, "async", HTTP_REQUESTS);
      System.out.printf(
          "http async while the table is locked (%.1f s): %s%n",
          (System.nanoTime() - s) / 1e9, percentiles(locked));
      System.out.printf(
          "breaker %s, buffered %.0f%n",
          meters.get("resilience4j.circuitbreaker.state").tag("name", "analytics").tag("state", "open").gauge().value() == 1 ? "open" : "not open",
          meters.counter("reviewer.analytics.buffered").count());
      lock.rollback();
    }
    long start = System.nanoTime();
    long expected = before + HTTP_REQUESTS;
    long stored = 0;
    while (System.nanoTime() - start < Duration.ofSeconds(60).toNanos()) {
      stored = jdbc.sql("SELECT count(*) FROM product_events WHERE kind = 'bench.viewed'").query(Long.class).single();
      if (stored >= expected) {
        break;
      }
      Thread.onSpinWait();
    }
    System.out.printf(
        "after the lock: %d of %d events of the locked phase stored within %.1f s; buffered %.0f, drained %.0f, dropped %.0f%n",
        stored - before,
        HTTP_REQUESTS,
        (System.nanoTime() - start) / 1e9,
        meters.counter("reviewer.analytics.buffered").count(),
        meters.counter("reviewer.analytics.drained").count(),
        meters.counter("reviewer.analytics.dropped").count());
  }

  static long[] load(HttpClient http, int port, String mode, int requests) throws Exception {
    var latencies = new ConcurrentLinkedQueue<Long>();
    var next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/bench/" + mode)).build();
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      done.add(
          pool.submit(
              () -> {
                while (next.incrementAndGet() <= requests) {
                  long s = System.nanoTime();
                  var response = http.send(request, HttpResponse.BodyHandlers.ofString());
                  if (response.statusCode() != 200) {
                    throw new IllegalStateException(mode + " answered " + response.statusCode());
                  }
                  latencies.add(System.nanoTime() - s);
                }
                return null;
              }));
    }
    for (var f : done) {
      f.get();
    }
    pool.shutdown();
    return latencies.stream().mapToLong(Long::longValue).toArray();
  }

  static String percentiles(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return String.format(
        "n=%d p50 %.3f ms, p99 %.3f ms, max %.1f ms",
        sorted.length,
        sorted[sorted.length / 2] / 1e6,
        sorted[(int) (sorted.length * 0.99)] / 1e6,
        sorted[sorted.length - 1] / 1e6);
  }
}
