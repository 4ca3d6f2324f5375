package com.architectreviewer.review.rules;

import com.architectreviewer.review.Rule;
import com.architectreviewer.review.Severity;
import com.architectreviewer.review.model.ProjectModel;

/** AR-DB-005: a Prisma URL on a transaction pooler without {@code pgbouncer=true}. */
final class PgBouncerFlag implements Check {

  static final Rule RULE =
      Rule.of(
          "AR-DB-005",
          "Prisma on a transaction pooler without pgbouncer=true",
          Severity.HIGH,
          "In transaction mode consecutive queries may run on different server connections, so"
              + " Prisma's named prepared statements collide: `prepared statement \"s0\" already"
              + " exists` (PgBouncer < 1.21, Supavisor). The seed: add ?pgbouncer=true to the"
              + " connection string.",
          "Add the flag to the pooled URL:\n"
              + "  DATABASE_URL=\"postgres://USER:PASS@HOST:6543/postgres?pgbouncer=true&connection_limit=1\"");

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void run(ProjectModel model, Findings findings) {
    for (var app : model.apps()) {
      if (!app.uses("prisma") || app.hasDependencyStartingWith("@prisma/adapter-")) {
        continue;
      }
      for (var setting : DatabaseSettings.runtimeSettings(model, app)) {
        var url = setting.url();
        if (url.endpoint() == DatabaseUrl.Endpoint.TRANSACTION_POOLER
            && !url.hasParam("pgbouncer")) {
          findings.add(
              RULE,
              Location.line(setting.env().file(), setting.env().line()),
              setting.where()
                  + " points Prisma at the transaction pooler "
                  + url.endpointText()
                  + " without pgbouncer=true: prepared statements will fail with \"already"
                  + " exists\" errors under load");
        }
      }
    }
  }
}
