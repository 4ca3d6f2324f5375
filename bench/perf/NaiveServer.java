import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.Executors;

/**
 * The naive baseline of the connection-discipline benchmark, written for it and living only under
 * bench/: every HTTP request opens its own PostgreSQL connection with {@link DriverManager} (what
 * {@code new PrismaClient()} per request amounts to), runs one small query and closes it. No pool,
 * no pooler, no limit — the pattern the seed's P1017 incident describes. A failure to connect or to
 * query answers 500, as an unguarded handler would.
 *
 * <p>Usage: {@code java -cp postgresql.jar NaiveServer.java PORT JDBC_URL}; listens on 127.0.0.1.
 */
public class NaiveServer {

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    String url = args[1];
    var server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 2048);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          int status;
          String body;
          try (Connection connection = DriverManager.getConnection(url);
              var statement = connection.createStatement();
              var rows =
                  statement.executeQuery(
                      "SELECT count(*) FROM repositories WHERE tenant_id IS NOT NULL")) {
            rows.next();
            status = 200;
            body = "{\"repositories\":" + rows.getLong(1) + "}";
          } catch (SQLException e) {
            status = 500;
            body = "{\"error\":\"" + e.getSQLState() + "\"}";
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          try (var out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
    System.err.println("naive server on 127.0.0.1:" + port);
  }
}
