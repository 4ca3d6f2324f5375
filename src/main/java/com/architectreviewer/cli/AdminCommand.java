package com.architectreviewer.cli;

import com.architectreviewer.security.ApiKeys;
import com.architectreviewer.security.Caller;
import com.architectreviewer.security.KeyAdministration;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    description = "Manages tenants and API keys (starts the platform without its web server).",
    subcommands = {
      AdminCommand.CreateTenant.class,
      AdminCommand.CreateKey.class,
      AdminCommand.RevokeKey.class,
      AdminCommand.ListKeys.class
    },
    footerHeading = "%nEnvironment:%n",
    footer = {
      "  DATABASE_URL       the platform's database; unset = the embedded default",
      "  REVIEWER_DATA_DIR  data directory of the embedded default (default ./data)"
    })
final class AdminCommand implements Runnable {

  /** Exit code for a bad argument, as picocli uses for usage errors. */
  static final int USAGE_ERROR = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "Missing subcommand: create-tenant, create-key, revoke-key or list-keys");
  }

  /** Runs {@code work} in a platform context without web server, with quiet logs. */
  static int withPlatform(Function<ConfigurableApplicationContext, Integer> work) {
    var application = SpringLauncher.application(SpringLauncher.Mode.ADMIN);
    application.setDefaultProperties(Map.of("logging.level.root", "WARN"));
    try (var context = application.run()) {
      return work.apply(context);
    }
  }

  static int usageError(CommandLine.Model.CommandSpec spec, String message) {
    spec.commandLine().getErr().println("error: " + message);
    return USAGE_ERROR;
  }

  @Command(
      name = "create-tenant",
      mixinStandardHelpOptions = true,
      description = "Creates a tenant (does nothing when it exists) and prints its id.")
  static final class CreateTenant implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "lower case letters, digits, '.', '_', '-'")
    String name;

    @Override
    public Integer call() {
      if (!KeyAdministration.isValidTenantName(name)) {
        return usageError(
            spec,
            "tenant name must be 1-63 of a-z, 0-9, '.', '_', '-' and start with a letter or digit");
      }
      return withPlatform(context -> {
        var administration = context.getBean(KeyAdministration.class);
        boolean existed = administration.tenantId(name).isPresent();
        var id = context.getBean(ApiKeys.class).ensureTenant(name);
        spec.commandLine()
            .getOut()
            .println((existed ? "Tenant exists: " : "Created tenant: ") + name + " " + id);
        return 0;
      });
    }
  }

  @Command(
      name = "create-key",
      mixinStandardHelpOptions = true,
      description = "Creates an API key for a tenant and prints it once; only its hash is stored.")
  static final class CreateKey implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--tenant", required = true, paramLabel = "NAME", description = "the tenant")
    String tenant;

    @Option(
        names = "--role",
        defaultValue = "member",
        paramLabel = "ROLE",
        description = "admin or member (default: member)")
    Caller.Role role;

    @Override
    public Integer call() {
      if (!KeyAdministration.isValidTenantName(tenant)) {
        return usageError(spec, "no tenant named '" + tenant + "'");
      }
      return withPlatform(context -> {
        var tenantId = context.getBean(KeyAdministration.class).tenantId(tenant);
        if (tenantId.isEmpty()) {
          return usageError(
              spec,
              "no tenant named '"
                  + tenant
                  + "'; create it with: reviewer admin create-tenant "
                  + tenant);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(context.getBean(ApiKeys.class).createKey(tenantId.get(), role));
        out.flush();
        spec.commandLine()
            .getErr()
            .println("Store this key now: it is shown once and cannot be recovered.");
        return 0;
      });
    }
  }

  @Command(
      name = "revoke-key",
      mixinStandardHelpOptions = true,
      description = {
        "Revokes the key with this prefix (the 8 hex digits after 'rvw_').",
        "Every running instance on the same database refuses it within about a second"
            + " (PostgreSQL NOTIFY at commit; also Redis pub/sub with REDIS_URL)."
      })
  static final class RevokeKey implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PREFIX", description = "the key's prefix, as list-keys shows it")
    String prefix;

    @Override
    public Integer call() {
      if (!KeyAdministration.isValidPrefix(prefix)) {
        return usageError(
            spec, "a key prefix is 8 hex digits, as 'reviewer admin list-keys' shows");
      }
      return withPlatform(context -> {
        if (!context.getBean(KeyAdministration.class).revoke(prefix)) {
          return usageError(spec, "no active key with prefix " + prefix);
        }
        spec.commandLine().getOut().println("Revoked key " + prefix);
        return 0;
      });
    }
  }

  @Command(
      name = "list-keys",
      mixinStandardHelpOptions = true,
      description = "Lists every key: prefix, tenant, role, created, last used, revoked.")
  static final class ListKeys implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return withPlatform(context -> {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
            "%-8s  %-20s  %-6s  %-24s  %-24s  %s%n",
            "PREFIX", "TENANT", "ROLE", "CREATED", "LAST USED", "REVOKED");
        for (var key : context.getBean(KeyAdministration.class).listKeys()) {
          out.printf(
              "%-8s  %-20s  %-6s  %-24s  %-24s  %s%n",
              key.prefix(),
              key.tenant(),
              key.role(),
              key.createdAt(),
              key.lastUsedAt() == null ? "-" : key.lastUsedAt(),
              key.revokedAt() == null ? "-" : key.revokedAt());
        }
        out.flush();
        return 0;
      });
    }
  }
}
