package com.architectreviewer.review.rules;

import com.architectreviewer.review.Confidence;
import com.architectreviewer.review.Rule;
import com.architectreviewer.review.Severity;
import com.architectreviewer.review.js.JsModule;
import com.architectreviewer.review.model.ProjectModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * AR-DB-002: several modules creating the same kind of client; a module-level client without the
 * globalThis cache in a hot-reloading app; a broken singleton (cache written but creation
 * unconditional, or two clients declared in one module).
 */
final class DbClientSingleton implements Check {

  static final Rule RULE =
      Rule.of(
          "AR-DB-002",
          "Database client singleton missing or broken",
          Severity.HIGH,
          "One process should hold one pool per database. Two modules that each create a client"
              + " double the connections; a module-level client without the globalThis cache is"
              + " re-created on every dev hot reload; a singleton that writes the cache but still"
              + " creates unconditionally leaks the same way. The seed's P1017 outage began like"
              + " this; its prevention mandate is one client module (lib/prisma.ts).",
          "Keep exactly one client module and reuse the cached instance:\n"
              + "  const g = globalThis as unknown as { prisma?: PrismaClient };\n"
              + "  export const prisma = g.prisma ?? new PrismaClient();\n"
              + "  if (process.env.NODE_ENV !== 'production') g.prisma = prisma;\n"
              + "Delete other `new PrismaClient()` modules and import this one.");

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void run(ProjectModel model, Findings findings) {
    var all = Clients.all(model);
    var byAppAndKind = new LinkedHashMap<String, List<Clients.Creation>>();
    for (var c : all) {
      var file = c.module().file();
      if (!c.kind().isDatabase() || model.isRouteModule(file) || Clients.isNonRuntime(file)) {
        continue;
      }
      if (!Clients.isCached(c.module(), c.call())
          && !c.module().isModuleLevel(c.call().scope())
          && !Clients.handlersReaching(model, c).isEmpty()) {
        continue; // per-request creation: AR-DB-001's case
      }
      var key = model.appOf(file).dir() + "\u0000" + c.kind();
      byAppAndKind.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
    }
    for (var creations : byAppAndKind.values()) {
      var reported = duplicates(model, creations, findings);
      for (var module : creations.stream().map(Clients.Creation::module).distinct().toList()) {
        var mine =
            creations.stream().filter(c -> c.module() == module && !reported.contains(c)).toList();
        singleton(model, module, mine, findings);
      }
    }
  }

  private List<Clients.Creation> duplicates(
      ProjectModel model, List<Clients.Creation> creations, Findings findings) {
    var reported = new ArrayList<Clients.Creation>();
    var files =
        creations.stream()
            .map(c -> c.module().file())
            .distinct()
            .sorted(
                Comparator.comparingInt((String f) -> -model.importers(f).size())
                    .thenComparing(Comparator.naturalOrder()))
            .toList();
    if (files.size() < 2) {
      return reported;
    }
    var canonical = files.get(0);
    for (var c : creations) {
      var file = c.module().file();
      if (file.equals(canonical)) {
        continue;
      }
      findings.add(
          RULE,
          Location.of(c.module(), c.call()),
          "`"
              + file
              + "` creates a second "
              + c.kind().label()
              + " while `"
              + canonical
              + "` (imported by "
              + model.importers(canonical).size()
              + " module(s)) already creates"
              + " one: each module holds its own pool; import the shared client instead");
      reported.add(c);
    }
    return reported;
  }

  private void singleton(
      ProjectModel model, JsModule module, List<Clients.Creation> mine, Findings findings) {
    var app = model.appOf(module.file());
    boolean cache = Clients.usesGlobalCache(module);
    var declared = new ArrayList<Clients.Creation>();
    for (var c : mine) {
      if (module.isModuleLevel(c.call().scope())
          && module.declarations().stream()
              .anyMatch(d -> d.scope() == 0 && d.initialiserContains(c.call().startToken()))) {
        declared.add(c);
      }
    }
    if (declared.size() >= 2) {
      var second = declared.get(1);
      findings.add(
          RULE,
          Location.of(module, second.call()),
          "`"
              + module.file()
              + "` declares "
              + declared.size()
              + " "
              + second.kind().label()
              + " clients: the singleton is broken, every import opens "
              + declared.size()
              + " pools");
      return;
    }
    for (var c : mine) {
      if (!module.isModuleLevel(c.call().scope())) {
        continue;
      }
      // Prisma's own docs and its "too many clients" warning call for the cache; for other clients
      // the module-scope pool is the documented pattern and a dev-only reload cost.
      if (!cache && app.uses("next") && c.kind() == ClientKind.PRISMA) {
        findings.add(
            RULE,
            Location.of(module, c.call()),
            "`"
                + module.file()
                + "` creates its "
                + c.kind().label()
                + " at module scope without"
                + " the globalThis cache: every Next.js dev hot reload creates another pool until"
                + " the database refuses connections",
            Severity.MEDIUM,
            Confidence.MEDIUM);
      } else if (cache && unconditional(module, c)) {
        findings.add(
            RULE,
            Location.of(module, c.call()),
            "`"
                + module.file()
                + "` writes the globalThis cache but creates the "
                + c.kind().label()
                + " unconditionally: the cached client is never reused, so"
                + " every reload still opens a new pool");
      }
    }
  }

  /** In a declaration whose initialiser has no {@code ??}, {@code ||} or {@code ?:}. */
  private static boolean unconditional(JsModule module, Clients.Creation c) {
    var t = module.tokens();
    for (var d : module.declarations()) {
      if (d.scope() == 0 && d.initialiserContains(c.call().startToken())) {
        for (int k = d.initStart(); k <= d.initEnd(); k++) {
          var tok = t.get(k);
          if (tok.isPunct("??") || tok.isPunct("||") || tok.isPunct("?")) {
            return false;
          }
        }
        return true;
      }
    }
    return false;
  }
}
