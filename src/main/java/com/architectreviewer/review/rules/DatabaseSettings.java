package com.architectreviewer.review.rules;

import com.architectreviewer.review.model.App;
import com.architectreviewer.review.model.EnvVar;
import com.architectreviewer.review.model.PrismaDatasource;
import com.architectreviewer.review.model.ProjectModel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Which database URLs an app uses at run time and for migrations. */
final class DatabaseSettings {

  private static final Set<String> DEFAULT_RUNTIME_NAMES =
      Set.of(
          "DATABASE_URL",
          "POSTGRES_URL",
          "POSTGRES_PRISMA_URL",
          "SUPABASE_DB_URL",
          "DB_URL",
          "PG_URL",
          "NEON_DATABASE_URL");

  private DatabaseSettings() {}

  /** True when an app talks to a SQL database through a pooled client. */
  static boolean usesDatabase(App app) {
    for (var f : List.of("prisma", "drizzle", "pg", "postgres", "knex", "sequelize", "neon")) {
      if (app.uses(f)) {
        return true;
      }
    }
    return false;
  }

  /** Names of settings that hold direct URLs on purpose (migrations, LISTEN). */
  static boolean isDirectByName(String name) {
    var n = name.toUpperCase(Locale.ROOT);
    return n.contains("DIRECT")
        || n.contains("NON_POOLING")
        || n.contains("UNPOOLED")
        || n.contains("MIGRAT")
        || n.contains("SHADOW");
  }

  /** Prisma datasources declared inside the app's folder. */
  static List<PrismaDatasource> prisma(ProjectModel model, App app) {
    return model.prismaDatasources().stream().filter(d -> model.appOf(d.file()) == app).toList();
  }

  /** Names of env settings the app connects with at run time. */
  static Set<String> runtimeNames(ProjectModel model, App app) {
    var names = new LinkedHashSet<String>();
    for (var ds : prisma(model, app)) {
      if (ds.url() != null && !ds.url().env().isEmpty()) {
        names.add(ds.url().env());
      }
    }
    if (names.isEmpty()) {
      names.addAll(DEFAULT_RUNTIME_NAMES);
    }
    return names;
  }

  /** Env settings with the app's runtime database URL, with a parsed URL. */
  static List<Setting> runtimeSettings(ProjectModel model, App app) {
    var names = runtimeNames(model, app);
    var list = new ArrayList<Setting>();
    for (var v : model.env(app)) {
      if (!names.contains(v.name()) || isDirectByName(v.name())) {
        continue;
      }
      DatabaseUrl.parse(v.value()).ifPresent(url -> list.add(new Setting(v, url)));
    }
    return list;
  }

  /** Values of setting {@code name} visible to the app, parsed. */
  static List<Setting> settings(ProjectModel model, App app, String name) {
    var list = new ArrayList<Setting>();
    for (var v : model.env(app)) {
      if (v.name().equals(name)) {
        DatabaseUrl.parse(v.value()).ifPresent(url -> list.add(new Setting(v, url)));
      }
    }
    return list;
  }

  /** An env setting and the URL it holds. */
  record Setting(EnvVar env, DatabaseUrl url) {
    String where() {
      return "`" + env.name() + "` in `" + env.file() + "`";
    }
  }
}
