package com.architectreviewer.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the platform: API, web UI and in-process workers.",
      "Without DATABASE_URL it runs an embedded PostgreSQL with its data in REVIEWER_DATA_DIR."
    },
    footerHeading = "%nEnvironment:%n",
    footer = {
      "  SERVER_PORT        port to listen on (default 8080; --port wins)",
      "  DATABASE_URL       postgres://user:pass@host:port/db?... or jdbc:postgresql://...; unset = embedded",
      "  DIRECT_URL         direct (non-pooler) URL for migrations and LISTEN; required with a pooler",
      "  REVIEWER_DATA_DIR  data directory of the embedded default (default ./data)",
      "  REVIEWER_DB_POOLSIZE, REVIEWER_DB_POOLTIMEOUT, REVIEWER_DB_CONNECTTIMEOUT,",
      "  REVIEWER_DB_EXPECTEDINSTANCES  pool settings (defaults: connection_limit or cores*2+1, 10s, 5s, 1)"
    })
final class ServeCommand implements Callable<Integer> {

  @Option(
      names = "--port",
      defaultValue = "${env:SERVER_PORT:-8080}",
      description = "HTTP port (default: SERVER_PORT or 8080).")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "${env:SERVER_ADDRESS}",
      description =
          "Address to listen on (default: 127.0.0.1 on the embedded database, all addresses otherwise).")
  String bind;

  @Option(
      names = "--no-workers",
      description = "Serve the API only; jobs are run by separate 'reviewer worker' processes.")
  boolean noWorkers;

  @Override
  public Integer call() throws InterruptedException {
    var closed = new CountDownLatch(1);
    var application = SpringLauncher.application(SpringLauncher.Mode.SERVE);
    application.addListeners(event -> {
      if (event instanceof ContextClosedEvent) {
        closed.countDown();
      }
    });
    var arguments = new java.util.ArrayList<String>();
    arguments.add("--server.port=" + port);
    String address = bindAddress(bind, System.getenv("DATABASE_URL"));
    if (address != null) {
      arguments.add("--server.address=" + address);
    }
    if (noWorkers) {
      arguments.add("--reviewer.jobs.workers-enabled=false");
      arguments.add("--db-scheduler.enabled=false");
    }
    application.run(arguments.toArray(String[]::new));
    closed.await();
    return 0;
  }

  /** The embedded default is a single-machine set-up: it listens on loopback unless told. */
  static String bindAddress(String bind, String databaseUrl) {
    if (bind != null && !bind.isBlank()) {
      return bind;
    }
    return databaseUrl == null || databaseUrl.isBlank() ? "127.0.0.1" : null;
  }
}
