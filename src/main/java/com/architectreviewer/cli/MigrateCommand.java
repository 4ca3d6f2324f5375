package com.architectreviewer.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = "Applies the database migrations (Flyway) and exits.",
    footerHeading = "%nEnvironment:%n",
    footer = {
      "  DATABASE_URL       database to migrate; unset = the embedded default",
      "  DIRECT_URL         used instead of DATABASE_URL when set (migrations never go through a pooler)",
      "  REVIEWER_DATA_DIR  data directory of the embedded default (default ./data)",
      "  REVIEWER_DB_POOLSIZE, REVIEWER_DB_POOLTIMEOUT, REVIEWER_DB_CONNECTTIMEOUT,",
      "  REVIEWER_DB_EXPECTEDINSTANCES  pool settings (defaults: connection_limit or cores*2+1, 10s, 5s, 1)"
    })
final class MigrateCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    try (var context =
        SpringLauncher.application(SpringLauncher.Mode.MIGRATE)
            .run("--db-scheduler.enabled=false", "--reviewer.jobs.workers-enabled=false")) {
      // Flyway runs while the context starts; nothing else to do.
      return context.isActive() ? 0 : 1;
    }
  }
}
