package com.architectreviewer.review.model;

import com.architectreviewer.review.js.Call;
import com.architectreviewer.review.js.Import;
import com.architectreviewer.review.js.JsModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the engine understood of a repository; the API rules are written against. Built by {@link
 * ProjectModelBuilder}; read-only afterwards.
 */
public final class ProjectModel {

  private final Path root;
  private final List<String> files;
  private final Function<String, Optional<String>> reader;
  private final List<App> apps;
  private final Map<String, JsModule> modules;
  private final List<EnvVar> env;
  private final List<PrismaDatasource> prisma;
  private final ModuleResolver resolver;
  private final Map<String, Optional<String>> resolved = new ConcurrentHashMap<>();
  private Map<String, List<String>> importers = Map.of();
  private List<Handler> handlers = List.of();
  private final Reachability reachability = new Reachability(this);

  ProjectModel(
      Path root,
      List<String> files,
      Function<String, Optional<String>> reader,
      List<App> apps,
      Map<String, JsModule> modules,
      List<EnvVar> env,
      List<PrismaDatasource> prisma,
      ModuleResolver resolver) {
    this.root = root;
    this.files = List.copyOf(files);
    this.reader = reader;
    this.apps = List.copyOf(apps);
    this.modules = modules;
    this.env = List.copyOf(env);
    this.prisma = List.copyOf(prisma);
    this.resolver = resolver;
  }

  void complete(Map<String, List<String>> importers, List<Handler> handlers) {
    this.importers = importers;
    this.handlers = List.copyOf(handlers);
    var byFile = new java.util.HashMap<String, List<Handler>>();
    for (var h : this.handlers) {
      byFile.computeIfAbsent(h.file(), k -> new ArrayList<>()).add(h);
    }
    byFile.replaceAll((k, v) -> List.copyOf(v));
    this.handlersByFile = byFile;
  }

  private Map<String, List<Handler>> handlersByFile = Map.of();
  private final Map<String, Object> memo = new ConcurrentHashMap<>();
  private final Map<String, Optional<Origin>> importOrigins = new ConcurrentHashMap<>();

  /**
   * A value computed once per model and shared by every rule that asks with the same key (e.g. all
   * client creations, reachable bodies per handler).
   */
  @SuppressWarnings("unchecked")
  public <T> T memo(String key, java.util.function.Supplier<T> compute) {
    var value = memo.get(key);
    if (value == null) {
      value = compute.get();
      var raced = memo.putIfAbsent(key, value);
      if (raced != null) {
        value = raced;
      }
    }
    return (T) value;
  }

  public Path root() {
    return root;
  }

  /** Every walked file (relative, sorted). */
  public List<String> files() {
    return files;
  }

  /** The text of a walked file, empty when it cannot be read. */
  public Optional<String> text(String file) {
    return reader.apply(file);
  }

  /** Apps, deepest folders first is not guaranteed: sorted by folder. */
  public List<App> apps() {
    return apps;
  }

  /** The app whose folder is the deepest one containing {@code file}. */
  public App appOf(String file) {
    App best = apps.get(0);
    for (var app : apps) {
      if (app.contains(file) && app.dir().length() >= best.dir().length()) {
        best = app;
      }
    }
    return best;
  }

  /** Parsed JS/TS modules. */
  public Collection<JsModule> modules() {
    return modules.values();
  }

  /** Parsed modules of one app, sorted by file. */
  public List<JsModule> modules(App app) {
    var list = new ArrayList<JsModule>();
    for (var m : modules.values()) {
      if (appOf(m.file()) == app) {
        list.add(m);
      }
    }
    list.sort(Comparator.comparing(JsModule::file));
    return list;
  }

  public Optional<JsModule> module(String file) {
    return Optional.ofNullable(modules.get(file));
  }

  /** Every environment setting found ({@code .env*}, vercel.json, compose files). */
  public List<EnvVar> env() {
    return env;
  }

  /** Settings visible to an app: in its folder or in a folder above it. */
  public List<EnvVar> env(App app) {
    var list = new ArrayList<EnvVar>();
    for (var v : env) {
      var dir = ModuleResolver.dirOf(v.file());
      if (dir.isEmpty() || app.dir().equals(dir) || app.dir().startsWith(dir + "/")) {
        list.add(v);
      }
    }
    return list;
  }

  /** Prisma datasources (schema files and prisma.config.ts). */
  public List<PrismaDatasource> prismaDatasources() {
    return prisma;
  }

  /** Every request entry point. */
  public List<Handler> handlers() {
    return handlers;
  }

  /** Entry points declared in {@code file}. */
  public List<Handler> handlers(String file) {
    return handlersByFile.getOrDefault(file, List.of());
  }

  /** True when {@code file} declares a request entry point (a route module). */
  public boolean isRouteModule(String file) {
    for (var h : handlers(file)) {
      if (h.kind() != Handler.Kind.SERVER_ACTION) {
        return true;
      }
    }
    return false;
  }

  /** The project file an import refers to, empty for npm packages. */
  public Optional<String> resolve(JsModule from, Import imp) {
    return resolve(from.file(), imp.specifier());
  }

  Optional<String> resolve(String from, String specifier) {
    return resolved.computeIfAbsent(
        ModuleResolver.dirOf(from) + "\u0000" + specifier, k -> resolver.resolve(from, specifier));
  }

  /** Files that import {@code file} (sorted). */
  public List<String> importers(String file) {
    return importers.getOrDefault(file, List.of());
  }

  /** The function body an export refers to (following local names and re-exports). */
  public Handler.Target exportTarget(JsModule module, String exportName) {
    return exportTarget(module, exportName, 0);
  }

  private Handler.Target exportTarget(JsModule module, String exportName, int depth) {
    var none = new Handler.Target(module.file(), -1);
    if (depth > 6) {
      return none;
    }
    var export = module.exports().get(exportName);
    if (export != null && export.functionScope() >= 0) {
      return new Handler.Target(module.file(), export.functionScope());
    }
    if (export != null && !export.local().isEmpty()) {
      return nameTarget(module, export.local(), module.tokens().size() - 1, depth + 1);
    }
    for (var imp : module.imports()) {
      if (imp.kind() != Import.ImportKind.REEXPORT) {
        continue;
      }
      for (var b : imp.bindings()) {
        boolean all = b.imported().equals("*") && b.local().equals("*");
        if (all || b.local().equals(exportName)) {
          var target = resolve(module, imp).flatMap(this::module);
          if (target.isPresent()) {
            var found = exportTarget(target.get(), all ? exportName : b.imported(), depth + 1);
            if (found.resolved()) {
              return found;
            }
          }
        }
      }
    }
    return none;
  }

  /** The function body a name refers to at token {@code at}: a local function or an import. */
  /**
   * The function {@code obj.method()} runs when {@code obj} is a project object literal ({@code
   * export default { petition }}, {@code const api = { chat: async () => ... }}) or an instance of
   * a project class ({@code const service = new OpenAIService()}), here or imported.
   */
  public Handler.Target memberTarget(JsModule module, Call call) {
    var none = new Handler.Target(module.file(), -1);
    var parts = call.callee().split("\\.");
    if (parts.length != 2 || call.callee().startsWith(".")) {
      return none;
    }
    var decl = localDeclaration(module, parts[0], call.startToken());
    if (decl.isPresent() && decl.get().hasInitialiser()) {
      return memberIn(module, decl.get().initStart(), decl.get().initEnd(), parts[1]);
    }
    var imported = module.importOf(parts[0]);
    if (imported.isEmpty() || imported.get().imported().equals("*")) {
      return none;
    }
    var other = resolve(module, imported.get().from()).flatMap(this::module);
    if (other.isEmpty()) {
      return none;
    }
    var export = other.get().exports().get(imported.get().imported());
    if (export == null) {
      return none;
    }
    if (!export.local().isEmpty()) {
      var exported = other.get().moduleDeclaration(export.local());
      return exported.isPresent() && exported.get().hasInitialiser()
          ? memberIn(other.get(), exported.get().initStart(), exported.get().initEnd(), parts[1])
          : none;
    }
    // export default { petition }: the object follows the export keyword
    var t = other.get().tokens();
    for (int k = export.token(); k < Math.min(t.size(), export.token() + 4); k++) {
      if (t.get(k).isPunct("{")) {
        return memberIn(other.get(), k, other.get().matching(k), parts[1]);
      }
    }
    return none;
  }

  private Handler.Target memberIn(JsModule m, int from, int to, String member) {
    var none = new Handler.Target(m.file(), -1);
    var t = m.tokens();
    for (int k = from; k + 1 <= to && k + 1 < t.size(); k++) {
      if (t.get(k).isIdent("new") && t.get(k + 1).isIdent()) {
        return classMethod(m, t.get(k + 1).text(), member);
      }
      if (!t.get(k).isIdent(member)
          || k == 0
          || !(t.get(k - 1).isPunct("{")
              || t.get(k - 1).isPunct(",")
              || t.get(k - 1).isIdent("async"))) {
        continue;
      }
      var next = t.get(k + 1);
      if (next.isPunct("(")) {
        for (var scope : m.scopes()) {
          if (scope.kind() == com.architectreviewer.review.js.ScopeKind.FUNCTION
              && scope.startToken() > k
              && scope.startToken() < k + 60) {
            return new Handler.Target(m.file(), scope.id());
          }
        }
      } else if (next.isPunct(":") && k + 2 < t.size()) {
        var value = t.get(k + 2);
        if (value.isIdent() && !value.isIdent("async") && !value.isIdent("function")) {
          return nameTarget(m, value.text(), k + 2);
        }
        for (var scope : m.scopes()) {
          if (scope.kind() == com.architectreviewer.review.js.ScopeKind.FUNCTION
              && scope.startToken() > k
              && scope.startToken() < k + 60) {
            return new Handler.Target(m.file(), scope.id());
          }
        }
      } else if (next.isPunct(",") || next.isPunct("}")) {
        return nameTarget(m, member, k); // { petition }
      }
    }
    return none;
  }

  /** Method {@code member} of project class {@code className} (declared here or imported). */
  private Handler.Target classMethod(JsModule m, String className, String member) {
    var module = m;
    var imported = m.importOf(className);
    if (imported.isPresent()) {
      var other = resolve(m, imported.get().from()).flatMap(this::module);
      if (other.isEmpty()) {
        return new Handler.Target(m.file(), -1);
      }
      module = other.get();
      var export = module.exports().get(imported.get().imported());
      if (export != null && !export.local().isEmpty()) {
        className = export.local();
      }
    }
    for (var scope : module.scopes()) {
      if (scope.kind() == com.architectreviewer.review.js.ScopeKind.CLASS
          && scope.name().equals(className)) {
        for (var method : module.scopes()) {
          if (method.kind() == com.architectreviewer.review.js.ScopeKind.FUNCTION
              && method.parent() == scope.id()
              && method.name().equals(member)) {
            return new Handler.Target(module.file(), method.id());
          }
        }
      }
    }
    return new Handler.Target(module.file(), -1);
  }

  public Handler.Target nameTarget(JsModule module, String name, int at) {
    return nameTarget(module, name, at, 0);
  }

  private Handler.Target nameTarget(JsModule module, String name, int at, int depth) {
    var decl = localDeclaration(module, name, at);
    if (decl.isPresent()) {
      return new Handler.Target(module.file(), decl.get().functionScope());
    }
    var imported = module.importOf(name);
    if (imported.isPresent() && !imported.get().imported().equals("*")) {
      var target = resolve(module, imported.get().from()).flatMap(this::module);
      if (target.isPresent() && depth < 6) {
        return exportTarget(target.get(), imported.get().imported(), depth + 1);
      }
    }
    return new Handler.Target(module.file(), -1);
  }

  /** Where {@code name} used at token {@code at} comes from, through declarations and imports. */
  public Optional<Origin> origin(JsModule module, String name, int at) {
    return origin(module, name, at, 0);
  }

  private Optional<Origin> origin(JsModule module, String name, int at, int depth) {
    if (depth > 6) {
      return Optional.empty();
    }
    var decl = localDeclaration(module, name, at);
    if (decl.isPresent()) {
      var d = decl.get();
      if (d.hasInitialiser() && d.functionScope() < 0) {
        for (var call : module.calls()) {
          if (d.initialiserContains(call.startToken()) && !call.callee().startsWith(".")) {
            return origin(module, call.root(), call.startToken(), depth + 1)
                .map(o -> o.asInstance(module.file(), d));
          }
        }
      }
      return Optional.of(new Origin("", "", "", module.file(), d, false));
    }
    if (depth == 0) {
      return importOrigins.computeIfAbsent(
          module.file() + '\u0000' + name, k -> importOrigin(module, name, depth));
    }
    return importOrigin(module, name, depth);
  }

  private Optional<Origin> importOrigin(JsModule module, String name, int depth) {
    var imported = module.importOf(name);
    if (imported.isEmpty()) {
      return Optional.empty();
    }
    var imp = imported.get().from();
    var target = resolve(module, imp).flatMap(this::module);
    if (target.isEmpty()) {
      return Optional.of(
          new Origin(
              imp.packageName(), imp.specifier(), imported.get().imported(), "", null, false));
    }
    var other = target.get();
    var export = other.exports().get(imported.get().imported());
    if (export != null && !export.local().isEmpty()) {
      return origin(other, export.local(), other.tokens().size() - 1, depth + 1);
    }
    for (var reexport : other.imports()) {
      if (reexport.kind() == Import.ImportKind.REEXPORT) {
        for (var b : reexport.bindings()) {
          if (b.local().equals(imported.get().imported())) {
            var next = resolve(other, reexport).flatMap(this::module);
            if (next.isEmpty()) {
              return Optional.of(
                  new Origin(
                      reexport.packageName(), reexport.specifier(), b.imported(), "", null, false));
            }
            var e = next.get().exports().get(b.imported());
            if (e != null && !e.local().isEmpty()) {
              return origin(next.get(), e.local(), next.get().tokens().size() - 1, depth + 1);
            }
          }
        }
      }
    }
    return Optional.of(
        new Origin("", imp.specifier(), imported.get().imported(), other.file(), null, false));
  }

  /**
   * The declaration of {@code name}, unless it is a destructured import ({@code const {a} =
   * require()}).
   */
  private static Optional<com.architectreviewer.review.js.Declaration> localDeclaration(
      JsModule module, String name, int at) {
    var decl = module.resolve(name, at);
    if (decl.isPresent()
        && !decl.get().hasInitialiser()
        && decl.get().functionScope() < 0
        && module.importOf(name).isPresent()) {
      return Optional.empty();
    }
    return decl;
  }

  /** A call with the origin of its callee's root name. */
  public CallSite site(JsModule module, Call call) {
    return new CallSite(this, module, call);
  }

  /**
   * The chain of calls by which {@code handler} reaches a call matching {@code matches} (directly
   * or through functions of this and imported project modules), the match last; empty when it does
   * not.
   */
  public Optional<List<CallSite>> reaches(Handler handler, Predicate<CallSite> matches) {
    return reachability.path(handler.target(), matches);
  }

  /**
   * Every function body a handler's requests run (its own, and those of functions it calls in this
   * and imported project modules), computed once per handler.
   */
  public java.util.Set<Handler.Target> reachableBodies(Handler handler) {
    return memo(
        "reachable-bodies\u0000"
            + handler.file()
            + '\u0000'
            + handler.line()
            + '\u0000'
            + handler.col()
            + '\u0000'
            + handler.method(),
        () -> java.util.Set.copyOf(reachability.bodies(handler.target())));
  }

  /**
   * True when a request to {@code handler} runs code at token scope {@code scope} of {@code file}.
   */
  public boolean runsInRequest(Handler handler, String file, int scope) {
    return handlersRunning(file, scope).contains(handler);
  }

  /** Handlers whose requests run code at scope {@code scope} of {@code file}, in handler order. */
  public List<Handler> handlersRunning(String file, int scope) {
    var module = modules.get(file);
    if (module == null) {
      return List.of();
    }
    Map<String, List<Map.Entry<Integer, Handler>>> index =
        memo(
            "bodies-by-file",
            () -> {
              var map = new java.util.HashMap<String, List<Map.Entry<Integer, Handler>>>();
              for (var h : handlers) {
                for (var body : reachableBodies(h)) {
                  map.computeIfAbsent(body.file(), k -> new ArrayList<>())
                      .add(Map.entry(body.scope(), h));
                }
              }
              return map;
            });
    var result = new java.util.LinkedHashSet<Handler>();
    for (var entry : index.getOrDefault(file, List.of())) {
      if (module.isWithin(scope, entry.getKey())) {
        result.add(entry.getValue());
      }
    }
    return List.copyOf(result);
  }

  /** Same as {@link #reaches(Handler, Predicate)} from any function body. */
  public Optional<List<CallSite>> reaches(Handler.Target body, Predicate<CallSite> matches) {
    return reachability.path(body, matches);
  }
}
