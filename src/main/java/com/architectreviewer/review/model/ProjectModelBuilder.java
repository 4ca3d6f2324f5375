package com.architectreviewer.review.model;

import com.architectreviewer.review.js.Import;
import com.architectreviewer.review.js.JsModule;
import com.architectreviewer.review.source.FileText;
import com.architectreviewer.review.source.SourceFile;
import com.architectreviewer.review.source.WalkedTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** Builds the {@link ProjectModel} of a walked tree: reads manifests and config, parses sources. */
public final class ProjectModelBuilder {

  /** Progress callback: files analysed so far of the total. */
  public interface Progress {
    void analysed(int done, int total);
  }

  private final int threads;

  public ProjectModelBuilder(int threads) {
    this.threads = Math.max(1, threads);
  }

  /**
   * Builds the model.
   *
   * @param cancelled asked between files; when it says yes the build stops and returns empty
   */
  public Optional<ProjectModel> build(
      WalkedTree tree, BooleanSupplier cancelled, Progress progress) {
    var byPath = new HashMap<String, SourceFile>();
    for (var f : tree.files()) {
      byPath.put(f.path(), f);
    }
    var modules = parseAll(tree, cancelled, progress);
    if (cancelled.getAsBoolean()) {
      return Optional.empty();
    }
    var texts = new ConcurrentHashMap<String, Optional<String>>();
    java.util.function.Function<String, Optional<String>> reader =
        path -> {
          var module = modules.get(path);
          if (module != null) {
            return Optional.of(module.source());
          }
          var file = byPath.get(path);
          if (file == null) {
            return Optional.empty();
          }
          return texts.computeIfAbsent(path, p -> FileText.read(file, false, tree.skipped()));
        };
    var fileSet = new HashSet<>(byPath.keySet());
    var manifests = new TreeMap<String, PackageManifest>();
    var env = new ArrayList<EnvVar>();
    var prisma = new ArrayList<PrismaDatasource>();
    for (var f : tree.files()) {
      var name = f.name();
      if (name.equals("package.json")) {
        reader
            .apply(f.path())
            .ifPresent(t -> manifests.put(f.dir(), PackageManifest.read(f.dir(), t)));
      } else if (EnvReader.isEnvFile(name)) {
        reader.apply(f.path()).ifPresent(t -> env.addAll(EnvReader.dotEnv(f.path(), name, t)));
      } else if (name.equals("vercel.json")) {
        reader.apply(f.path()).ifPresent(t -> env.addAll(EnvReader.vercelJson(f.path(), t)));
      } else if (EnvReader.isComposeFile(name)) {
        reader.apply(f.path()).ifPresent(t -> env.addAll(EnvReader.compose(f.path(), t)));
      } else if (name.endsWith(".prisma")) {
        reader.apply(f.path()).ifPresent(t -> prisma.addAll(PrismaReader.schema(f.path(), t)));
      } else if (name.startsWith("prisma.config.") && modules.containsKey(f.path())) {
        prisma.addAll(PrismaReader.config(modules.get(f.path())));
      }
    }
    var workspacePackages = new LinkedHashMap<String, String>();
    manifests.forEach((dir, m) -> {
      if (!dir.isEmpty() && !m.name().isEmpty()) {
        workspacePackages.put(m.name(), dir);
      }
    });
    var resolver = new ModuleResolver(fileSet, reader, workspacePackages);
    var apps = apps(manifests, fileSet, modules);
    var model =
        new ProjectModel(
            tree.root(),
            tree.files().stream().map(SourceFile::path).toList(),
            reader,
            apps,
            modules,
            env,
            prisma,
            resolver);
    var importers = new HashMap<String, Set<String>>();
    for (var module : modules.values()) {
      for (var imp : module.imports()) {
        model
            .resolve(module, imp)
            .ifPresent(target ->
                importers.computeIfAbsent(target, k -> new TreeSet<>()).add(module.file()));
      }
    }
    var importerLists = new HashMap<String, List<String>>();
    importers.forEach((k, v) -> importerLists.put(k, List.copyOf(v)));
    var finder = new HandlerFinder(model);
    var handlers = new ArrayList<Handler>();
    for (var file : new TreeSet<>(modules.keySet())) {
      handlers.addAll(finder.find(modules.get(file), model.appOf(file)));
    }
    model.complete(
        importerLists, withoutServerOnlyActions(model, modules, handlers, importerLists));
    return Optional.of(model);
  }

  private Map<String, JsModule> parseAll(
      WalkedTree tree, BooleanSupplier cancelled, Progress progress) {
    var scripts = tree.files().stream().filter(SourceFile::isScript).toList();
    var modules = new ConcurrentHashMap<String, JsModule>();
    var done = new AtomicInteger();
    int total = scripts.size();
    try (var pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().factory())) {
      var futures = new ArrayList<Future<?>>();
      for (var file : scripts) {
        futures.add(
            pool.submit(() -> {
              if (cancelled.getAsBoolean()) {
                return;
              }
              FileText.read(file, true, tree.skipped())
                  .ifPresent(text -> modules.put(file.path(), JsModule.parse(file.path(), text)));
              int n = done.incrementAndGet();
              if (n % 250 == 0 || n == total) {
                progress.analysed(n, total);
              }
            }));
      }
      for (var future : futures) {
        try {
          future.get();
        } catch (ExecutionException e) {
          throw new IllegalStateException("parsing failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return modules;
        }
      }
    }
    return modules;
  }

  private static List<App> apps(
      Map<String, PackageManifest> manifests, Set<String> files, Map<String, JsModule> modules) {
    var rootManifest = manifests.get("");
    var dirs = new TreeSet<>(manifests.keySet());
    dirs.add("");
    var apps = new ArrayList<App>();
    for (var dir : dirs) {
      var manifest = manifests.get(dir);
      var deps = new LinkedHashMap<String, String>();
      if (rootManifest != null) {
        deps.putAll(rootManifest.allDependencies());
      }
      if (manifest != null) {
        deps.putAll(manifest.allDependencies());
      }
      var appModules = new ArrayList<JsModule>();
      var packages = new TreeSet<>(deps.keySet());
      for (var module : modules.values()) {
        if (owner(dirs, module.file()).equals(dir)) {
          appModules.add(module);
          for (var imp : module.imports()) {
            if (!imp.packageName().isEmpty() && !imp.packageName().startsWith("node:")) {
              packages.add(imp.packageName());
            }
          }
        }
      }
      var name =
          manifest != null && !manifest.name().isEmpty()
              ? manifest.name()
              : dir.isEmpty() ? "(root)" : dir.substring(dir.lastIndexOf('/') + 1);
      apps.add(
          new App(
              dir,
              name,
              manifest,
              deps,
              Frameworks.detect(packages),
              DeploymentDetector.detect(dir, files, packages, appModules)));
    }
    return apps;
  }

  private static String owner(Set<String> dirs, String file) {
    String best = "";
    for (var dir : dirs) {
      if ((dir.isEmpty() || file.startsWith(dir + "/")) && dir.length() >= best.length()) {
        best = dir;
      }
    }
    return best;
  }

  /**
   * Drops the server actions that only route handlers import: Next.js gives an action an endpoint
   * only when client code (a form, a client component) references it, so an exported action that
   * only routes use is a server-side helper, judged through the routes that call it. An action that
   * nothing imports stays an entry point (a form may name it from a page we cannot see).
   */
  private static List<Handler> withoutServerOnlyActions(
      ProjectModel model,
      Map<String, JsModule> modules,
      List<Handler> handlers,
      Map<String, List<String>> importers) {
    var routeFiles = new HashSet<String>();
    for (var h : handlers) {
      if (h.kind() == Handler.Kind.APP_ROUTE || h.kind() == Handler.Kind.PAGES_API) {
        routeFiles.add(h.file());
      }
    }
    var result = new ArrayList<Handler>();
    for (var h : handlers) {
      var users = importers.getOrDefault(h.file(), List.of());
      if (h.kind() != Handler.Kind.SERVER_ACTION
          || users.isEmpty()
          || routeFiles.contains(h.file())) {
        result.add(h);
        continue;
      }
      boolean referencedOutsideRoutes = false;
      for (var user : users) {
        var module = modules.get(user);
        if (!routeFiles.contains(user) && (module == null || importsName(model, module, h))) {
          referencedOutsideRoutes = true;
          break;
        }
      }
      if (referencedOutsideRoutes) {
        result.add(h);
      }
    }
    return result;
  }

  /** True when {@code module} imports action {@code h} by name, as a namespace, or dynamically. */
  private static boolean importsName(ProjectModel model, JsModule module, Handler h) {
    for (var imp : module.imports()) {
      if (!model.resolve(module, imp).map(h.file()::equals).orElse(false)) {
        continue;
      }
      if (imp.kind() == Import.ImportKind.DYNAMIC || imp.bindings().isEmpty()) {
        return true;
      }
      for (var b : imp.bindings()) {
        if (b.imported().equals(h.route()) || b.imported().equals("*")) {
          return true;
        }
      }
    }
    return false;
  }
}
