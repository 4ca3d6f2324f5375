package com.architectreviewer.review.rules;

import com.architectreviewer.review.Rule;
import com.architectreviewer.review.Severity;
import com.architectreviewer.review.model.App;
import com.architectreviewer.review.model.ProjectModel;
import java.util.List;
import java.util.Optional;

/** AR-OBS-001: a deployable app with no error monitoring set up. */
final class NoErrorMonitoring implements Check {

  static final Rule RULE =
      Rule.of(
          "AR-OBS-001",
          "Deployable app without error monitoring",
          Severity.MEDIUM,
          "We cannot fix what we cannot see (seed section 4): Sentry or an equivalent catches 500s"
              + " immediately with stack traces. In the P1017 incident the first signal was a wave"
              + " of 500s; with monitoring it is an alert pointing at `new PrismaClient()`, without"
              + " it, users reporting that the site is down.",
          "Install and initialise a monitoring SDK, e.g. for Next.js:\n"
              + "  // instrumentation.ts\n"
              + "  import * as Sentry from '@sentry/nextjs';\n"
              + "  export async function register() { Sentry.init({ dsn: process.env.SENTRY_DSN"
              + " }); }\n"
              + "  export const onRequestError = Sentry.captureRequestError;\n"
              + "Node: node --import ./instrument.js server.js with Sentry.init() in instrument.js.");

  /** Files that say an app is deployed somewhere. */
  static final List<String> DEPLOYMENT_FILES =
      List.of(
          "vercel.json",
          "netlify.toml",
          "Dockerfile",
          "fly.toml",
          "Procfile",
          "serverless.yml",
          "serverless.yaml",
          "sst.config.ts",
          "sst.config.js",
          "wrangler.toml",
          "wrangler.json",
          "wrangler.jsonc",
          "render.yaml",
          "railway.json",
          "railway.toml",
          "app.yaml",
          "amplify.yml");

  private static final List<String> MONITORING_PREFIXES =
      List.of(
          "@sentry/",
          "@datadog/",
          "@bugsnag/",
          "@highlight-run/",
          "@opentelemetry/",
          "@honeybadger-io/",
          "@appsignal/",
          "@axiomhq/",
          "@baselime/",
          "@logtail/",
          "@newrelic/",
          "@rollbar/");
  private static final List<String> MONITORING_PACKAGES =
      List.of(
          "dd-trace",
          "rollbar",
          "newrelic",
          "@vercel/otel",
          "highlight.run",
          "logrocket",
          "honeybadger",
          "elastic-apm-node",
          "@sentry/nextjs",
          "next-axiom",
          "appsignal");

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void run(ProjectModel model, Findings findings) {
    for (var app : model.apps()) {
      var deployedBy = deploymentFile(model, app);
      if (deployedBy.isEmpty()) {
        continue;
      }
      var installed =
          app.dependencies().keySet().stream()
              .filter(NoErrorMonitoring::isMonitoring)
              .sorted()
              .toList();
      if ((!installed.isEmpty() && initialised(model, app)) || workersObservability(model, app)) {
        continue;
      }
      var manifest = prefix(app) + "package.json";
      var at = model.files().contains(manifest) ? manifest : deployedBy.get();
      var message =
          installed.isEmpty()
              ? "`"
                  + app.displayDir()
                  + "` is deployed (`"
                  + deployedBy.get()
                  + "`) with no error monitoring: no Sentry, Datadog, OpenTelemetry or similar"
                  + " SDK, so production 500s go unseen"
              : "`"
                  + app.displayDir()
                  + "` is deployed (`"
                  + deployedBy.get()
                  + "`) and lists "
                  + String.join(", ", installed.stream().map(d -> "`" + d + "`").toList())
                  + " but never imports or initialises it: production 500s go unseen";
      findings.add(RULE, Location.line(at, 1), message);
    }
  }

  static boolean isMonitoring(String dependency) {
    return MONITORING_PACKAGES.contains(dependency)
        || MONITORING_PREFIXES.stream().anyMatch(dependency::startsWith);
  }

  private static String prefix(App app) {
    return app.dir().isEmpty() ? "" : app.dir() + "/";
  }

  private static Optional<String> deploymentFile(ProjectModel model, App app) {
    for (var name : DEPLOYMENT_FILES) {
      var path = prefix(app) + name;
      if (model.files().contains(path)) {
        return Optional.of(path);
      }
    }
    // Netlify's default functions folder deploys the site's functions with no netlify.toml
    var functions = prefix(app) + "netlify/functions/";
    if (model.files().stream().anyMatch(f -> f.startsWith(functions))) {
      return Optional.of(prefix(app) + "netlify/functions");
    }
    if (app.manifest() != null) {
      // a "wrangler deploy" script is not enough: monorepos repeat it in every package
      for (var script : app.manifest().scripts().entrySet()) {
        if (script.getKey().equals("vercel-build")) { // Vercel runs it instead of "build"
          return Optional.of(prefix(app) + "package.json (\"" + script.getKey() + "\" script)");
        }
      }
    }
    return Optional.empty();
  }

  private static final java.util.regex.Pattern OBSERVABILITY_TOML =
      java.util.regex.Pattern.compile(
          "(?ms)^\\s*\\[observability\\][^\\[]*?^\\s*enabled\\s*=\\s*true");
  private static final java.util.regex.Pattern OBSERVABILITY_JSON =
      java.util.regex.Pattern.compile("\"observability\"\\s*:\\s*\\{[^}]*\"enabled\"\\s*:\\s*true");

  /**
   * Cloudflare Workers Logs with {@code observability.enabled = true} in the wrangler config: the
   * platform records every invocation with its exceptions, which is error monitoring.
   */
  private static boolean workersObservability(ProjectModel model, App app) {
    for (var name : List.of("wrangler.toml", "wrangler.json", "wrangler.jsonc")) {
      var text = model.text(prefix(app) + name);
      if (text.isPresent()
          && (OBSERVABILITY_TOML.matcher(text.get()).find()
              || OBSERVABILITY_JSON.matcher(text.get()).find())) {
        return true;
      }
    }
    return false;
  }

  private static boolean initialised(ProjectModel model, App app) {
    for (var module : model.modules(app)) {
      for (var imp : module.imports()) {
        if (isMonitoring(imp.packageName())) {
          return true;
        }
      }
    }
    if (app.manifest() != null) {
      for (var script : app.manifest().scripts().values()) {
        for (var token : script.split("\\s+")) {
          if (isMonitoring(token.replaceAll("/.*$", "").replaceAll("^(@[^/]+/[^/]+).*$", "$1"))
              || token.startsWith("dd-trace/")) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
