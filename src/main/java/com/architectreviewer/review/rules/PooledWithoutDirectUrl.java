package com.architectreviewer.review.rules;

import com.architectreviewer.review.Confidence;
import com.architectreviewer.review.Rule;
import com.architectreviewer.review.Severity;
import com.architectreviewer.review.model.ProjectModel;

/** AR-DB-004: a Prisma datasource on a pooler without {@code directUrl}. */
final class PooledWithoutDirectUrl implements Check {

  static final Rule RULE =
      Rule.of(
          "AR-DB-004",
          "Pooled Prisma datasource without directUrl",
          Severity.HIGH,
          "Prisma Migrate needs a session (advisory locks, prepared statements); through a"
              + " transaction pooler or Accelerate `prisma migrate deploy` fails or hangs. The seed"
              + " moves DATABASE_URL to the pooler; migrations then need the direct URL.",
          "Keep the pooler for queries and add the direct URL for migrations:\n"
              + "  datasource db {\n"
              + "    provider  = \"postgresql\"\n"
              + "    url       = env(\"DATABASE_URL\")   // :6543?pgbouncer=true\n"
              + "    directUrl = env(\"DIRECT_URL\")     // :5432\n"
              + "  }");

  /** Vercel Postgres' pooled variable: pooled by name even when no value is committed. */
  private static final String POOLED_BY_NAME = "POSTGRES_PRISMA_URL";

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void run(ProjectModel model, Findings findings) {
    for (var ds : model.prismaDatasources()) {
      if (ds.url() == null || ds.directUrl() != null) {
        continue;
      }
      var app = model.appOf(ds.file());
      var at = Location.line(ds.file(), ds.url().line());
      if (!ds.url().literal().isEmpty()) {
        DatabaseUrl.parse(ds.url().literal())
            .filter(PooledWithoutDirectUrl::pooled)
            .ifPresent(url -> findings.add(RULE, at, message(ds.file(), "its literal URL", url)));
        continue;
      }
      var name = ds.url().env();
      var pooled =
          DatabaseSettings.settings(model, app, name).stream()
              .filter(s -> pooled(s.url()))
              .findFirst();
      if (pooled.isPresent()) {
        findings.add(RULE, at, message(ds.file(), pooled.get().where(), pooled.get().url()));
      } else if (name.equals(POOLED_BY_NAME)
          && DatabaseSettings.settings(model, app, name).isEmpty()) {
        findings.add(
            RULE,
            at,
            "`"
                + ds.file()
                + "` reads its url from "
                + name
                + " (Vercel Postgres' pooled URL) and"
                + " has no directUrl: migrations would run through the pooler",
            RULE.severity(),
            Confidence.MEDIUM);
      }
    }
  }

  private static boolean pooled(DatabaseUrl url) {
    var endpoint = url.endpoint();
    return endpoint == DatabaseUrl.Endpoint.TRANSACTION_POOLER
        || endpoint == DatabaseUrl.Endpoint.ACCELERATE;
  }

  private static String message(String file, String where, DatabaseUrl url) {
    var via =
        url.endpoint() == DatabaseUrl.Endpoint.ACCELERATE
            ? "Prisma Accelerate"
            : "the transaction pooler " + url.endpointText();
    return "`"
        + file
        + "` has no directUrl while "
        + where
        + " goes through "
        + via
        + ": `prisma migrate` through it fails or hangs";
  }
}
