package com.architectreviewer.review.rules;

import com.architectreviewer.review.Confidence;
import com.architectreviewer.review.Rule;
import com.architectreviewer.review.Severity;
import com.architectreviewer.review.model.ProjectModel;

/** AR-DB-001: a DB client created per request, or by a route module instead of a shared module. */
final class DbClientPerRequest implements Check {

  static final Rule RULE =
      Rule.of(
          "AR-DB-001",
          "Database client created per request or per route module",
          Severity.CRITICAL,
          "Each client opens its own connection pool. Created inside a handler, every request opens"
              + " new connections; created at module scope of a route module, every serverless"
              + " function instance and every dev hot reload adds a pool. This is the P1017"
              + " incident: connections leak until the database refuses everyone.",
          "Create the client once in a shared module and import it everywhere:\n"
              + "  // lib/db.ts\n"
              + "  const g = globalThis as unknown as { prisma?: PrismaClient };\n"
              + "  export const prisma = g.prisma ?? new PrismaClient();\n"
              + "  if (process.env.NODE_ENV !== 'production') g.prisma = prisma;\n"
              + "  // app/api/users/route.ts\n"
              + "  import { prisma } from '@/lib/db';");

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void run(ProjectModel model, Findings findings) {
    var all = Clients.all(model);
    for (var creation : all) {
      if (!creation.kind().isDatabase()) {
        continue;
      }
      var module = creation.module();
      var call = creation.call();
      var file = module.file();
      var label = creation.kind().label();
      int function = module.enclosingFunction(call.scope());
      var shared = SharedClients.of(model, all, creation.kind(), file);
      if (function < 0) {
        if (model.isRouteModule(file)) {
          findings.add(
              RULE,
              Location.of(module, call),
              "`"
                  + file
                  + "` creates its own "
                  + label
                  + " at module scope while "
                  + SharedClients.describe(shared)
                  + ": every function instance and hot reload of this route opens another pool",
              Severity.HIGH,
              Confidence.HIGH);
        }
        continue;
      }
      if (Clients.isCached(module, call)) {
        continue;
      }
      var handlers = Clients.handlersReaching(model, creation);
      if (!handlers.isEmpty()) {
        var first = handlers.get(0);
        var where =
            first.file().equals(file) && module.isWithin(call.scope(), first.target().scope())
                ? "inside the request handler " + first.label()
                : "in `"
                    + module.scope(function).name()
                    + "()`, called on every request by "
                    + first.label()
                    + " (`"
                    + first.file()
                    + "`)";
        var more = handlers.size() > 1 ? " and " + (handlers.size() - 1) + " more handler(s)" : "";
        findings.add(
            RULE,
            Location.of(module, call),
            "A new "
                + label
                + " is created "
                + where
                + more
                + ": each request opens and leaks its own connection pool ("
                + SharedClients.describe(shared)
                + ")");
      } else if (model.isRouteModule(file)) {
        findings.add(
            RULE,
            Location.of(module, call),
            "`"
                + file
                + "` creates a "
                + label
                + " inside a function of a route module; if it runs"
                + " per request it opens a pool each time ("
                + SharedClients.describe(shared)
                + ")",
            Severity.HIGH,
            Confidence.MEDIUM);
      }
    }
  }
}
