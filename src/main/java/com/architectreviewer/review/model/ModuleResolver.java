package com.architectreviewer.review.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Resolves import specifiers to files of the repository: relative paths, {@code tsconfig}/{@code
 * jsconfig} {@code paths} aliases and {@code baseUrl} (nearest config up the tree, one level of
 * {@code extends}), and workspace packages by name. Bare specifiers of npm packages stay
 * unresolved.
 */
final class ModuleResolver {

  static final List<String> EXTENSIONS =
      List.of(".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts");

  private record PathConfig(String dir, String baseUrl, Map<String, List<String>> paths) {}

  private final Set<String> files;
  private final Function<String, Optional<String>> reader;
  private final Map<String, String> workspacePackages;
  private final Map<String, Optional<PathConfig>> configByDir = new ConcurrentHashMap<>();

  /**
   * @param files every walked file (relative paths)
   * @param reader reads a walked file's text
   * @param workspacePackages package name to folder, for the repository's own packages
   */
  ModuleResolver(
      Set<String> files,
      Function<String, Optional<String>> reader,
      Map<String, String> workspacePackages) {
    this.files = files;
    this.reader = reader;
    this.workspacePackages = workspacePackages;
  }

  /** The file {@code specifier} refers to from {@code from}, or empty for external packages. */
  Optional<String> resolve(String from, String specifier) {
    if (specifier.isEmpty()) {
      return Optional.empty();
    }
    if (specifier.startsWith("./") || specifier.startsWith("../") || specifier.equals(".")) {
      return file(normalize(dirOf(from), specifier));
    }
    if (specifier.startsWith("/")) {
      return Optional.empty();
    }
    var config = config(dirOf(from));
    if (config.isPresent()) {
      var aliased = alias(config.get(), specifier);
      if (aliased.isPresent()) {
        return aliased;
      }
    }
    var framework = frameworkAlias(dirOf(from), specifier);
    if (framework.isPresent()) {
      return framework;
    }
    return workspace(specifier);
  }

  /**
   * Aliases a framework defines in a tsconfig it generates at build time (not committed):
   * SvelteKit's {@code $lib} ({@code src/lib} of the app), Nuxt's {@code ~} and {@code @} (the
   * app's root).
   */
  private Optional<String> frameworkAlias(String fromDir, String specifier) {
    String rest;
    String base;
    if (specifier.equals("$lib") || specifier.startsWith("$lib/")) {
      rest = specifier.substring("$lib".length());
      base = "src/lib";
    } else if (specifier.startsWith("~/") || specifier.startsWith("@/")) {
      rest = specifier.substring(1);
      base = "";
    } else {
      return Optional.empty();
    }
    for (var dir = fromDir; dir != null; dir = dir.isEmpty() ? null : dirOf(dir)) {
      boolean svelte =
          files.contains(prefixed(dir, "svelte.config.js"))
              || files.contains(prefixed(dir, "svelte.config.ts"));
      boolean nuxt =
          files.contains(prefixed(dir, "nuxt.config.ts"))
              || files.contains(prefixed(dir, "nuxt.config.js"));
      if ((base.isEmpty() && nuxt) || (!base.isEmpty() && svelte)) {
        var root = base.isEmpty() ? dir : prefixed(dir, base);
        return file(normalize(root, "." + rest));
      }
    }
    return Optional.empty();
  }

  private static String prefixed(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }

  private Optional<String> alias(PathConfig config, String specifier) {
    var base = config.baseUrl() == null ? config.dir() : normalize(config.dir(), config.baseUrl());
    if (base == null) {
      return Optional.empty();
    }
    for (var entry : config.paths().entrySet()) {
      var pattern = entry.getKey();
      String star = null;
      int at = pattern.indexOf('*');
      if (at < 0 && pattern.equals(specifier)) {
        star = "";
      } else if (at >= 0) {
        var prefix = pattern.substring(0, at);
        var suffix = pattern.substring(at + 1);
        if (specifier.startsWith(prefix)
            && specifier.endsWith(suffix)
            && specifier.length() >= prefix.length() + suffix.length()) {
          star = specifier.substring(prefix.length(), specifier.length() - suffix.length());
        }
      }
      if (star == null) {
        continue;
      }
      for (var target : entry.getValue()) {
        var found = file(normalize(base, target.replace("*", star)));
        if (found.isPresent()) {
          return found;
        }
      }
    }
    if (config.baseUrl() != null) {
      return file(normalize(base, specifier));
    }
    return Optional.empty();
  }

  private Optional<String> workspace(String specifier) {
    for (var entry : workspacePackages.entrySet()) {
      var name = entry.getKey();
      if (specifier.equals(name) || specifier.startsWith(name + "/")) {
        var dir = entry.getValue();
        var rest = specifier.substring(name.length());
        if (!rest.isEmpty()) {
          var found = file(normalize(dir, "." + rest));
          return found.isPresent() ? found : file(normalize(dir, "./src" + rest));
        }
        for (var candidate : List.of("./index", "./src/index", "./src/main", "./lib/index")) {
          var found = file(normalize(dir, candidate));
          if (found.isPresent()) {
            return found;
          }
        }
      }
    }
    return Optional.empty();
  }

  private Optional<String> file(String base) {
    if (base == null) {
      return Optional.empty();
    }
    if (files.contains(base) && isScript(base)) {
      return Optional.of(base);
    }
    var stem = base;
    for (var ext : List.of(".js", ".jsx", ".mjs", ".cjs")) {
      if (base.endsWith(ext)) {
        stem = base.substring(0, base.length() - ext.length());
      }
    }
    for (var ext : EXTENSIONS) {
      if (files.contains(stem + ext)) {
        return Optional.of(stem + ext);
      }
    }
    for (var ext : EXTENSIONS) {
      var index = (base.isEmpty() ? "" : base + "/") + "index" + ext;
      if (files.contains(index)) {
        return Optional.of(index);
      }
    }
    return Optional.empty();
  }

  private static boolean isScript(String path) {
    return EXTENSIONS.stream().anyMatch(path::endsWith);
  }

  private Optional<PathConfig> config(String dir) {
    var cached = configByDir.get(dir);
    if (cached != null) {
      return cached;
    }
    Optional<PathConfig> found = Optional.empty();
    for (var name : List.of("tsconfig.json", "jsconfig.json")) {
      var path = dir.isEmpty() ? name : dir + "/" + name;
      if (files.contains(path)) {
        found = read(path, 0);
        if (found.isPresent()) {
          break;
        }
      }
    }
    if (found.isEmpty() && !dir.isEmpty()) {
      found = config(dirOf(dir));
    }
    configByDir.put(dir, found);
    return found;
  }

  private Optional<PathConfig> read(String path, int depth) {
    var node = reader.apply(path).flatMap(Json::parse).orElse(null);
    if (node == null) {
      return Optional.empty();
    }
    var dir = dirOf(path);
    PathConfig parent = null;
    var ext = node.path("extends").asString("");
    if (depth < 3 && ext.startsWith(".")) {
      var target = normalize(dir, ext.endsWith(".json") ? ext : ext + ".json");
      if (target != null && files.contains(target)) {
        parent = read(target, depth + 1).orElse(null);
      }
    }
    var options = node.path("compilerOptions");
    String baseUrl = options.has("baseUrl") ? options.get("baseUrl").asString() : null;
    var paths = new LinkedHashMap<String, List<String>>();
    var pathsNode = options.get("paths");
    if (pathsNode != null && pathsNode.isObject()) {
      for (var key : pathsNode.propertyNames()) {
        paths.put(key, new ArrayList<>(Json.strings(pathsNode.get(key))));
      }
    }
    if (parent != null) {
      if (baseUrl == null && parent.baseUrl() != null) {
        // the parent's baseUrl is relative to the parent's folder: express it from here
        var abs = normalize(parent.dir(), parent.baseUrl());
        baseUrl = abs == null ? null : relativeFrom(dir, abs);
      }
      if (paths.isEmpty()) {
        for (var e : parent.paths().entrySet()) {
          var parentBase =
              parent.baseUrl() == null ? parent.dir() : normalize(parent.dir(), parent.baseUrl());
          var targets = new ArrayList<String>();
          for (var target : e.getValue()) {
            var abs = normalize(parentBase, target);
            var own = baseUrl == null ? dir : normalize(dir, baseUrl);
            if (abs != null && own != null) {
              targets.add(relativeFrom(own, abs));
            }
          }
          paths.put(e.getKey(), targets);
        }
      }
    }
    if (baseUrl == null && paths.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new PathConfig(dir, baseUrl, paths));
  }

  private static String relativeFrom(String fromDir, String target) {
    var from = fromDir.isEmpty() ? new String[0] : fromDir.split("/");
    var to = target.isEmpty() ? new String[0] : target.split("/");
    int common = 0;
    while (common < from.length && common < to.length && from[common].equals(to[common])) {
      common++;
    }
    var sb = new StringBuilder(".");
    for (int i = common; i < from.length; i++) {
      sb.append("/..");
    }
    for (int i = common; i < to.length; i++) {
      sb.append('/').append(to[i]);
    }
    return sb.toString();
  }

  static String dirOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /** {@code dir} joined with {@code relative}, or null when it climbs above the root. */
  static String normalize(String dir, String relative) {
    var parts = new ArrayList<String>();
    if (!dir.isEmpty()) {
      parts.addAll(List.of(dir.split("/")));
    }
    for (var part : relative.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          return null;
        }
        parts.remove(parts.size() - 1);
      } else {
        parts.add(part);
      }
    }
    return String.join("/", parts);
  }
}
