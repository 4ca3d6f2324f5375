package com.architectreviewer.review.rules;

import com.architectreviewer.review.Confidence;
import com.architectreviewer.review.Rule;
import com.architectreviewer.review.Severity;
import com.architectreviewer.review.model.Deployment;
import com.architectreviewer.review.model.ProjectModel;

/** AR-DB-006: a serverless Prisma app whose URL has no {@code connection_limit}. */
final class ConnectionLimit implements Check {

  static final Rule RULE =
      Rule.of(
          "AR-DB-006",
          "Serverless Prisma without connection_limit",
          Severity.MEDIUM,
          "Without connection_limit each PrismaClient opens cores×2+1 connections, per function"
              + " instance: 50 warm instances on 2-vCPU machines hold 250 connections. Serverless"
              + " functions handle one request at a time, so 1 is enough.",
          "Cap the pool per instance:\n"
              + "  DATABASE_URL=\"postgres://…:6543/postgres?pgbouncer=true&connection_limit=1\"");

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void run(ProjectModel model, Findings findings) {
    for (var app : model.apps()) {
      if (!app.uses("prisma")
          || app.hasDependencyStartingWith("@prisma/adapter-")
          || app.deployment().target() == Deployment.Target.LONG_RUNNING) {
        continue;
      }
      var confidence = app.deployment().isServerless() ? Confidence.HIGH : Confidence.LOW;
      for (var setting : DatabaseSettings.runtimeSettings(model, app)) {
        var url = setting.url();
        var endpoint = url.endpoint();
        if (endpoint == DatabaseUrl.Endpoint.ACCELERATE
            || endpoint == DatabaseUrl.Endpoint.LOCAL_OR_PLACEHOLDER
            || endpoint == DatabaseUrl.Endpoint.OTHER
            || url.hasParam("connection_limit")) {
          continue;
        }
        findings.add(
            RULE,
            Location.line(setting.env().file(), setting.env().line()),
            setting.where()
                + " has no connection_limit: each function instance of this "
                + (app.deployment().isServerless()
                    ? "serverless"
                    : "probably serverless (target unknown)")
                + " Prisma app opens cores×2+1 connections; add connection_limit=1",
            RULE.severity(),
            confidence);
      }
    }
  }
}
