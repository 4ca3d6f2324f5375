package com.architectreviewer.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.testsupport.TestPgBouncer;
import com.architectreviewer.testsupport.TestPostgres;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Through a real PgBouncer in transaction mode, 50 concurrent clients × 200 queries (most of them
 * prepared statements executed past pgjdbc's prepareThreshold): all succeed in pooler mode, and the
 * same load without pooler mode fails with {@code prepared statement "S_1" already exists}.
 */
class PgBouncerPoolerModeIT {

  private static final int CLIENTS = 50;
  private static final int QUERIES_PER_CLIENT = 200;
  private static final int PGBOUNCER_POOL_SIZE = 10;

  private static TestPostgres postgres;
  private static TestPgBouncer pgbouncer;

  @BeforeAll
  static void startServers() throws SQLException {
    postgres = TestPostgres.start();
    pgbouncer = TestPgBouncer.startInFrontOf(postgres.port(), PGBOUNCER_POOL_SIZE);
    try (var connection = java.sql.DriverManager.getConnection(postgres.jdbcUrl());
        var statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE findings AS SELECT g AS id, 'rule-' || (g % 17) AS rule"
              + " FROM generate_series(1, 1000) g");
    }
  }

  @AfterAll
  static void stopServers() {
    if (pgbouncer != null) {
      pgbouncer.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void poolerModeSurvivesPreparedStatementHeavyLoad() throws Exception {
    var result = run("pgbouncer=true");
    System.out.printf(
        "pooler mode: %d queries, %d failed, %d ms%n",
        result.total(), result.failed(), result.millis());
    assertThat(result.errors()).isEmpty();
    assertThat(result.failed()).isZero();
    assertThat(result.total()).isEqualTo(CLIENTS * QUERIES_PER_CLIENT);
  }

  @Test
  void withoutPoolerModeServerSidePreparedStatementsCollide() throws Exception {
    var result = run("pgbouncer=false");
    System.out.printf(
        "without pooler mode: %d queries, %d failed, %d ms, errors %s%n",
        result.total(), result.failed(), result.millis(), result.errors());
    assertThat(result.failed()).isPositive();
    assertThat(result.errors().keySet())
        .anySatisfy(message -> assertThat(message).contains("already exists"));
  }

  private record Result(int total, int failed, long millis, Map<String, Integer> errors) {}

  private Result run(String query) throws Exception {
    var url =
        DatabaseUrl.parse(
            "DATABASE_URL",
            "postgres://postgres@127.0.0.1:"
                + pgbouncer.port()
                + "/postgres?connection_limit="
                + CLIENTS
                + "&application_name=pooler-it&"
                + query);
    var failed = new AtomicInteger();
    var total = new AtomicInteger();
    var errors = new ConcurrentHashMap<String, Integer>();
    long start = System.nanoTime();
    try (var pool = ConnectionPool.open(url, "DATABASE_URL", DatabaseProperties.defaults(), null)) {
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      try {
        var futures = new java.util.ArrayList<Future<?>>();
        for (int client = 0; client < CLIENTS; client++) {
          int seed = client;
          futures.add(
              clients.submit(() -> {
                for (int i = 0; i < QUERIES_PER_CLIENT; i++) {
                  total.incrementAndGet();
                  try {
                    query(pool, seed, i);
                  } catch (SQLException e) {
                    failed.incrementAndGet();
                    errors.merge(
                        firstLine(e.getMessage()).replaceAll("S_[0-9]+", "S_n"), 1, Integer::sum);
                  }
                }
              }));
        }
        for (var future : futures) {
          future.get(3, TimeUnit.MINUTES);
        }
      } finally {
        clients.shutdownNow();
      }
    }
    return new Result(
        total.get(), failed.get(), (System.nanoTime() - start) / 1_000_000, Map.copyOf(errors));
  }

  /** One statement per call, each on its own pooled connection: a transaction per statement. */
  private static void query(ConnectionPool pool, int client, int i) throws SQLException {
    try (var connection = pool.dataSource().getConnection()) {
      switch (i % 3) {
        case 0 -> {
          try (var statement =
              connection.prepareStatement("SELECT count(*) FROM findings WHERE id <= ?")) {
            statement.setInt(1, (client * 31 + i) % 1000 + 1);
            try (var rows = statement.executeQuery()) {
              rows.next();
            }
          }
        }
        case 1 -> {
          try (var statement =
              connection.prepareStatement("SELECT rule FROM findings WHERE id = ? AND rule <> ?")) {
            statement.setInt(1, i % 1000 + 1);
            statement.setString(2, "none");
            try (var rows = statement.executeQuery()) {
              rows.next();
            }
          }
        }
        default -> {
          try (var statement = connection.createStatement();
              var rows = statement.executeQuery("SELECT 1")) {
            rows.next();
          }
        }
      }
    }
  }

  private static String firstLine(String message) {
    String text = message == null ? "(no message)" : message;
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
