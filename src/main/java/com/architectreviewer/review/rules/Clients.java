package com.architectreviewer.review.rules;

import com.architectreviewer.review.js.Call;
import com.architectreviewer.review.js.JsModule;
import com.architectreviewer.review.js.TokenKind;
import com.architectreviewer.review.model.CallSite;
import com.architectreviewer.review.model.Handler;
import com.architectreviewer.review.model.ProjectModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Recognises calls that create connection-holding clients, and how they are kept. */
public final class Clients {

  private static final Set<String> ASSIGN = Set.of("=", "??=", "||=");

  private Clients() {}

  /** A client creation found in a module. */
  public record Creation(JsModule module, Call call, ClientKind kind) {}

  /** The kind of client {@code site} creates, if it creates one. */
  public static Optional<ClientKind> kindOf(CallSite site) {
    var call = site.call();
    var member = call.member();
    if (call.isNew()) {
      if (member.equals("PrismaClient")) {
        return Optional.of(ClientKind.PRISMA);
      }
      if ((member.equals("Pool") || member.equals("Client")) && site.fromPackage("pg")) {
        return Optional.of(ClientKind.PG);
      }
      if (member.equals("MongoClient") && site.fromPackage("mongodb")) {
        return Optional.of(ClientKind.MONGO);
      }
      if (member.equals("Sequelize") && site.fromPackage("sequelize", "sequelize-typescript")) {
        return Optional.of(ClientKind.SEQUELIZE);
      }
      if ((member.equals("Redis") || member.equals("Cluster") || member.equals("IORedis"))
          && site.fromPackage("ioredis")) {
        return Optional.of(ClientKind.REDIS);
      }
      return Optional.empty();
    }
    boolean direct = !call.callee().contains(".");
    if (direct && site.fromPackage("postgres")) {
      return Optional.of(ClientKind.POSTGRES_JS);
    }
    if (direct && site.fromPackage("knex")) {
      return Optional.of(ClientKind.KNEX);
    }
    if ((member.equals("createPool")
            || member.equals("createConnection")
            || member.equals("createPoolCluster"))
        && site.fromPackage("mysql2", "mysql")) {
      return Optional.of(ClientKind.MYSQL);
    }
    if ((member.equals("connect") || member.equals("createConnection"))
        && call.callee().contains(".")
        && site.fromPackage("mongoose")) {
      return Optional.of(ClientKind.MONGOOSE);
    }
    if ((member.equals("createClient") || member.equals("createCluster"))
        && site.fromPackage("redis", "@redis/client")) {
      return Optional.of(ClientKind.REDIS);
    }
    if (member.equals("drizzle") && site.fromPackage("drizzle-orm") && inlinePool(site)) {
      return Optional.of(ClientKind.DRIZZLE_INLINE);
    }
    return Optional.empty();
  }

  /**
   * drizzle(process.env.X), drizzle('postgres://...'), drizzle(new Pool()), drizzle({connection}).
   */
  private static boolean inlinePool(CallSite site) {
    var call = site.call();
    if (!call.hasArguments()) {
      return false;
    }
    var t = site.module().tokens();
    var first = t.get(call.openParen() + 1);
    if (first.kind() == TokenKind.STRING || first.kind() == TokenKind.TEMPLATE) {
      return true;
    }
    if (first.isIdent("process") || first.isIdent("new")) {
      return true;
    }
    for (int k = call.openParen() + 1; k < call.closeParen(); k++) {
      if (t.get(k).isIdent("connection") && k + 1 < t.size() && t.get(k + 1).is(":")) {
        return true;
      }
    }
    return false;
  }

  /** Every client creation in the project, in file order. */
  public static List<Creation> all(ProjectModel model) {
    return model.memo("clients.all", () -> List.copyOf(find(model)));
  }

  private static final Set<String> CLIENT_PACKAGES =
      Set.of(
          "pg",
          "postgres",
          "mysql2",
          "mysql",
          "mongodb",
          "mongoose",
          "knex",
          "sequelize",
          "sequelize-typescript",
          "ioredis",
          "redis",
          "@redis/client",
          "drizzle-orm");
  private static final Set<String> CLIENT_MEMBERS =
      Set.of(
          "PrismaClient",
          "Pool",
          "Client",
          "MongoClient",
          "Sequelize",
          "Redis",
          "Cluster",
          "IORedis",
          "createPool",
          "createConnection",
          "createPoolCluster",
          "connect",
          "createClient",
          "createCluster",
          "drizzle");

  private static List<Creation> find(ProjectModel model) {
    var list = new ArrayList<Creation>();
    var modules = new ArrayList<>(model.modules());
    modules.sort(java.util.Comparator.comparing(JsModule::file));
    for (var module : modules) {
      boolean clientPackage = false;
      boolean directCallPackage = false;
      boolean projectImport = false;
      for (var imp : module.imports()) {
        var pkg = imp.packageName();
        clientPackage |= CLIENT_PACKAGES.contains(pkg) || pkg.startsWith("drizzle-orm");
        directCallPackage |= pkg.equals("postgres") || pkg.equals("knex");
        projectImport |= pkg.isEmpty() || model.resolve(module, imp).isPresent();
      }
      for (var call : module.calls()) {
        boolean direct = !call.callee().contains(".");
        boolean candidate =
            call.member().equals("PrismaClient")
                || (direct && directCallPackage)
                || ((clientPackage || projectImport) && CLIENT_MEMBERS.contains(call.member()));
        if (!candidate) {
          continue;
        }
        var kind = kindOf(model.site(module, call));
        kind.ifPresent(k -> list.add(new Creation(module, call, k)));
      }
    }
    return list;
  }

  /**
   * True when the created client is stored somewhere that outlives the call: assigned to a
   * module-level variable, {@code globalThis}/{@code global}, {@code this}, or guarded with {@code
   * ??}/{@code ||} (a lazy singleton).
   */
  public static boolean isCached(JsModule module, Call call) {
    if (madeBySingletonFactory(module, call)) {
      return true;
    }
    var t = module.tokens();
    int k = call.startToken() - 1;
    if (k >= 0 && t.get(k).isIdent("new")) {
      k--;
    }
    if (k >= 0 && t.get(k).isIdent("await")) {
      k--;
    }
    if (k < 0) {
      return false;
    }
    var before = t.get(k);
    if (before.isPunct("??") || before.isPunct("||")) {
      return true;
    }
    if (!ASSIGN.contains(before.text()) || before.kind() != TokenKind.PUNCT || k == 0) {
      return false;
    }
    int targetEnd = k - 1;
    int targetStart = targetEnd;
    while (targetStart >= 2
        && t.get(targetStart - 1).isPunct(".")
        && t.get(targetStart - 2).isIdent()) {
      targetStart -= 2;
    }
    var root = t.get(targetStart);
    if (!root.isIdent()) {
      return targetEnd > targetStart; // obj[key] = ... : a property of something longer-lived
    }
    if (targetStart >= 1) {
      var keyword = t.get(targetStart - 1);
      if (keyword.isIdent("const") || keyword.isIdent("let") || keyword.isIdent("var")) {
        return module.isModuleLevel(module.scopeOf(targetStart));
      }
    }
    var name = root.text();
    if (name.equals("globalThis")
        || name.equals("global")
        || name.equals("this")
        || name.equals("window")) {
      return true;
    }
    var decl = module.resolve(name, targetStart);
    return decl.isEmpty() || module.isModuleLevel(decl.get().scope());
  }

  /** True when the module keeps a client on {@code globalThis}/{@code global}. */
  public static boolean usesGlobalCache(JsModule module) {
    var t = module.tokens();
    for (int i = 0; i < t.size(); i++) {
      var tok = t.get(i);
      if (tok.isIdent("globalThis")
          || (tok.isIdent("global")
              && i + 1 < t.size()
              && (t.get(i + 1).is(".") || t.get(i + 1).is("as")))) {
        return true;
      }
    }
    return false;
  }

  /** Handlers whose requests run the creation (directly or through called functions). */
  public static List<Handler> handlersReaching(ProjectModel model, Creation creation) {
    return model.handlersRunning(creation.module().file(), creation.call().scope());
  }

  /** Tests, seeds, scripts and config are not request-path code. */
  /**
   * Created in a factory handed to a module-level caching helper: {@code singleton("prisma", () =>
   * new PrismaClient())}, {@code once(() => ...)}, {@code memoize(...)}, {@code cache(...)}.
   */
  private static boolean madeBySingletonFactory(JsModule module, Call call) {
    int fn = module.enclosingFunction(call.scope());
    if (fn < 0) {
      return false;
    }
    var helper = JsQueries.callReceiving(module, fn);
    if (helper.isEmpty() || module.enclosingFunction(helper.get().scope()) >= 0) {
      return false;
    }
    return JsQueries.words(helper.get().callee()).stream()
        .anyMatch(w ->
            Set.of("singleton", "once", "memoize", "memo", "cache", "cached", "lazy").contains(w));
  }

  public static boolean isNonRuntime(String file) {
    var f = "/" + file;
    return f.contains("/scripts/")
        || f.contains("/script/")
        || f.contains("/__tests__/")
        || f.contains("/test/")
        || f.contains("/tests/")
        || f.contains("/e2e/")
        || f.contains("/cypress/")
        || f.contains("/playwright/")
        || f.contains(".test.")
        || f.contains(".spec.")
        || f.contains("/seed.")
        || f.contains("/seeder.")
        || f.contains("/migrate.")
        || f.contains("/migrator.")
        || f.contains("/seeds/")
        || f.contains("/migrations/")
        || f.endsWith(".config.ts")
        || f.endsWith(".config.js")
        || f.endsWith(".config.mjs");
  }
}
