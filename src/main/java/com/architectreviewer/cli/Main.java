package com.architectreviewer.cli;

import com.architectreviewer.db.DatabaseUrlRejected;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code reviewer.jar}: dispatches to the subcommands. */
@Command(
    name = "reviewer",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Architect Reviewer: reviews web apps for the risks that take them down in production.",
    subcommands = {
      ServeCommand.class,
      WorkerCommand.class,
      MigrateCommand.class,
      AdvisoriesCommand.class,
      ScanCommand.class,
      AdminCommand.class,
      IngestCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with every subcommand registered; tests run it without exiting the JVM. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(Main::settingRejected);
  }

  /**
   * A rejected database setting (bad DATABASE_URL, pooler without DIRECT_URL, contradicting pool
   * sizes) ends any command with one line naming the setting and exit code 2, not a stack trace.
   */
  static int settingRejected(Exception e, CommandLine command, CommandLine.ParseResult parsed)
      throws Exception {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DatabaseUrlRejected rejected) {
        command.getErr().println("reviewer: " + rejected.getMessage());
        return 2;
      }
    }
    throw e;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
  }
}
