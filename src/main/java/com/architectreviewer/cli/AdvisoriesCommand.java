package com.architectreviewer.cli;

import com.architectreviewer.advisories.ImportSummary;
import com.architectreviewer.advisories.LocalAdvisoryStore;
import com.architectreviewer.advisories.PostgresAdvisories;
import com.architectreviewer.advisories.StoreStatus;
import com.architectreviewer.advisories.UnreadableAdvisories;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "advisories",
    mixinStandardHelpOptions = true,
    description =
        "Manages the OSV advisory database that `reviewer scan` matches dependencies against.",
    subcommands = {AdvisoriesCommand.Import.class, AdvisoriesCommand.Status.class},
    footerHeading = "%nEnvironment:%n",
    footer = {
      "  REVIEWER_ADVISORIES  advisory folder (default ~/.reviewer/advisories; --advisories wins)",
      "  DATABASE_URL         with --database: the platform's database; unset = embedded default",
      "  REVIEWER_DATA_DIR    with --database: data folder of the embedded default (default ./data)"
    })
final class AdvisoriesCommand implements Runnable {

  static final int USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing subcommand: import or status");
  }

  /** The folder option shared by the subcommands. */
  static final class StoreOption {
    @Option(
        names = "--advisories",
        paramLabel = "DIR",
        defaultValue = "${env:REVIEWER_ADVISORIES}",
        description = "Advisory folder (default: REVIEWER_ADVISORIES or ~/.reviewer/advisories).")
    Path folder;

    @Option(
        names = "--database",
        description =
            "Use the platform's PostgreSQL (DATABASE_URL, or the embedded default) instead of the"
                + " local folder.")
    boolean database;

    LocalAdvisoryStore store() {
      return LocalAdvisoryStore.at(
          folder == null ? LocalAdvisoryStore.defaultFolder() : folder, Clock.systemUTC());
    }
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Imports OSV advisories: a folder of OSV JSON files, one JSON file, or an ecosystem's all.zip.",
        "Re-imports are incremental: an advisory is replaced only when its `modified` is newer.",
        "Withdrawn advisories are removed."
      })
  static final class Import implements Callable<Integer> {
    @CommandLine.Mixin StoreOption store;

    @Parameters(paramLabel = "PATH", description = "Folder, .json file or .zip archive.")
    Path source;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (!Files.exists(source)) {
        err.println("reviewer advisories import: " + source + " does not exist");
        return USAGE;
      }
      if (store.database) {
        return AdminCommand.withPlatform(context -> {
          try {
            var postgres = context.getBean(PostgresAdvisories.class);
            return report(postgres.importFrom(source), "PostgreSQL", out, err);
          } catch (UnreadableAdvisories e) {
            err.println("reviewer advisories import: " + e.getMessage());
            return USAGE;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
      LocalAdvisoryStore target = store.store();
      try {
        return report(target.importFrom(source), target.folder().toString(), out, err);
      } catch (UnreadableAdvisories | IOException e) {
        err.println("reviewer advisories import: " + e.getMessage());
        return USAGE;
      }
    }

    private static int report(
        ImportSummary summary, String target, PrintWriter out, PrintWriter err) {
      out.printf(
          "Imported %d advisories into %s in %d ms (%.0f/s): %d added, %d updated, %d unchanged,"
              + " %d withdrawn.%n",
          summary.read(),
          target,
          summary.millis(),
          summary.rate(),
          summary.added(),
          summary.updated(),
          summary.unchanged(),
          summary.withdrawn());
      for (String warning : summary.warnings()) {
        err.println("warning: " + warning);
      }
      return 0;
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description =
          "Shows how many advisories the local database holds per ecosystem, and their age.")
  static final class Status implements Callable<Integer> {
    @CommandLine.Mixin StoreOption store;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      if (store.database) {
        return AdminCommand.withPlatform(
            context -> print(context.getBean(PostgresAdvisories.class).status(), out));
      }
      try {
        return print(store.store().status(), out);
      } catch (IOException e) {
        spec.commandLine().getErr().println("reviewer advisories status: " + e.getMessage());
        return USAGE;
      }
    }

    private static int print(StoreStatus status, PrintWriter out) {
      Instant now = Instant.now();
      if (status.lastImport() == null) {
        out.println(
            "No advisories imported in "
                + status.location()
                + ". Run `reviewer advisories import PATH` with an OSV folder or all.zip.");
        return 0;
      }
      out.printf(
          "%d advisories in %s, last import %s (%s ago)%n",
          status.advisories(),
          status.location(),
          status.lastImport(),
          age(now, status.lastImport()));
      out.printf("%-12s %10s  %s%n", "ECOSYSTEM", "ADVISORIES", "NEWEST MODIFIED");
      status.ecosystems().entrySet().stream()
          .sorted(java.util.Map.Entry.comparingByKey())
          .forEach(e ->
              out.printf(
                  "%-12s %10d  %s (%s ago)%n",
                  e.getKey(),
                  e.getValue().advisories(),
                  e.getValue().newestModified(),
                  age(now, e.getValue().newestModified())));
      return 0;
    }
  }

  static String age(Instant now, Instant then) {
    Duration d = Duration.between(then, now);
    if (d.isNegative()) {
      return "0 minutes";
    }
    if (d.toDays() > 0) {
      return d.toDays() + " days";
    }
    if (d.toHours() > 0) {
      return d.toHours() + " hours";
    }
    return d.toMinutes() + " minutes";
  }
}
