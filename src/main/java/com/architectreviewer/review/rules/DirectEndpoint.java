package com.architectreviewer.review.rules;

import com.architectreviewer.review.Confidence;
import com.architectreviewer.review.Rule;
import com.architectreviewer.review.Severity;
import com.architectreviewer.review.js.TokenKind;
import com.architectreviewer.review.model.ProjectModel;

/** AR-DB-003: a serverless app connecting to a direct database endpoint instead of a pooler. */
final class DirectEndpoint implements Check {

  static final Rule RULE =
      Rule.of(
          "AR-DB-003",
          "Serverless app on a direct database endpoint",
          Severity.HIGH,
          "Every serverless function instance opens its own connections. Against a direct endpoint"
              + " (db.REF.supabase.co:5432, a Neon host without -pooler, any :5432) a traffic burst"
              + " exhausts max_connections. The seed's production strategy: the transaction pooler"
              + " (PgBouncer on :6543 with pgbouncer=true) in DATABASE_URL.",
          "Point the runtime URL at the transaction pooler and keep the direct URL for migrations:\n"
              + "  DATABASE_URL=\"postgres://USER:PASS@aws-0-REGION.pooler.supabase.com:6543/postgres"
              + "?pgbouncer=true&connection_limit=1\"\n"
              + "  DIRECT_URL=\"postgres://USER:PASS@db.REF.supabase.co:5432/postgres\"\n"
              + "(Neon: use the -pooler host; or Prisma Accelerate.)");

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void run(ProjectModel model, Findings findings) {
    for (var app : model.apps()) {
      if (app.deployment().target()
              == com.architectreviewer.review.model.Deployment.Target.LONG_RUNNING
          || !DatabaseSettings.usesDatabase(app)) {
        continue;
      }
      var confidence = app.deployment().isServerless() ? Confidence.HIGH : Confidence.LOW;
      var context =
          app.deployment().isServerless()
              ? "serverless app (" + app.deployment().evidence() + ")"
              : "app whose deployment target is unknown (serverless assumed)";
      for (var setting : DatabaseSettings.runtimeSettings(model, app)) {
        report(
            setting.url(),
            Location.line(setting.env().file(), setting.env().line()),
            setting.where(),
            context,
            confidence,
            findings);
      }
      for (var module : model.modules(app)) {
        if (Clients.isNonRuntime(module.file())) {
          continue;
        }
        var t = module.tokens();
        for (int i = 0; i < t.size(); i++) {
          var tok = t.get(i);
          if (tok.kind() == TokenKind.STRING || tok.kind() == TokenKind.TEMPLATE) {
            int index = i;
            DatabaseUrl.parse(tok.text())
                .ifPresent(url ->
                    report(
                        url,
                        Location.ofToken(module, index),
                        "a connection string in `" + module.file() + "`",
                        context,
                        confidence,
                        findings));
          }
        }
      }
    }
  }

  private static void report(
      DatabaseUrl url,
      Location at,
      String where,
      String context,
      Confidence confidence,
      Findings findings) {
    var endpoint = url.endpoint();
    if (endpoint != DatabaseUrl.Endpoint.DIRECT
        && endpoint != DatabaseUrl.Endpoint.SESSION_POOLER) {
      return;
    }
    String advice;
    if (url.isSupabase()) {
      advice = "use Supabase's transaction pooler (…pooler.supabase.com:6543?pgbouncer=true)";
    } else if (url.isNeon()) {
      advice = "use the pooled host (add -pooler after the endpoint id)";
    } else {
      advice = "put PgBouncer (transaction mode) or Prisma Accelerate in front";
    }
    var kind =
        endpoint == DatabaseUrl.Endpoint.SESSION_POOLER
            ? "the session-mode pooler "
                + url.endpointText()
                + " (one server connection per client)"
            : "the direct endpoint " + url.endpointText();
    findings.add(
        RULE,
        at,
        where
            + " points a "
            + context
            + " at "
            + kind
            + ": every function instance opens its own connections; "
            + advice,
        RULE.severity(),
        confidence);
  }
}
