package com.architectreviewer.cli;

import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Runs jobs (scans, ingests) from the database queue, without a web server.",
      "Start as many as you like against the same database; a job whose worker dies is run again",
      "by another within 15 seconds."
    },
    footerHeading = "%nEnvironment:%n",
    footer = {
      "  DATABASE_URL       the platform's database (postgres://... or jdbc:postgresql://...)",
      "  DIRECT_URL         direct (non-pooler) URL, used for LISTEN; required with a pooler",
      "  REVIEWER_DATA_DIR  data directory of the embedded default (default ./data)"
    })
final class WorkerCommand implements Callable<Integer> {

  @Option(
      names = "--threads",
      defaultValue = "${env:REVIEWER_WORKER_THREADS:-8}",
      description = "Jobs run at once by this worker (default: REVIEWER_WORKER_THREADS or 8).")
  int threads;

  @Override
  public Integer call() throws InterruptedException {
    if (threads < 1 || threads > 256) {
      throw new IllegalArgumentException("--threads must be between 1 and 256");
    }
    var closed = new CountDownLatch(1);
    var application = SpringLauncher.application(SpringLauncher.Mode.WORKER);
    application.addListeners(event -> {
      if (event instanceof ContextClosedEvent) {
        closed.countDown();
      }
    });
    var arguments = new ArrayList<String>();
    arguments.add("--db-scheduler.threads=" + threads);
    if (System.getProperty("db-scheduler.scheduler-name") == null) {
      // Names this worker in scheduled_tasks.picked_by, so operators can tell workers apart.
      arguments.add("--db-scheduler.scheduler-name=" + workerName());
    }
    application.run(arguments.toArray(String[]::new));
    closed.await();
    return 0;
  }

  private static String workerName() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "worker";
    }
    return host + "-" + ProcessHandle.current().pid();
  }
}
