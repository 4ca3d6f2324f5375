package com.architectreviewer.review.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads environment settings from .env files, vercel.json and compose files. */
final class EnvReader {

  private EnvReader() {}

  /** True for {@code .env}, {@code .env.local}, {@code .env.example}... */
  static boolean isEnvFile(String name) {
    return name.equals(".env") || name.startsWith(".env.") || name.endsWith(".env");
  }

  static boolean isExample(String name) {
    return name.contains("example")
        || name.contains("sample")
        || name.contains("template")
        || name.endsWith(".dist");
  }

  static boolean isComposeFile(String name) {
    return (name.startsWith("docker-compose") || name.startsWith("compose"))
        && (name.endsWith(".yml") || name.endsWith(".yaml"));
  }

  static List<EnvVar> dotEnv(String file, String name, String text) {
    var vars = new ArrayList<EnvVar>();
    boolean example = isExample(name);
    var lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      var line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring(7).strip();
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      var key = line.substring(0, eq).strip();
      if (!key.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
        continue;
      }
      vars.add(new EnvVar(file, key, value(line.substring(eq + 1).strip()), i + 1, example));
    }
    return vars;
  }

  private static String value(String raw) {
    if (raw.length() >= 2 && (raw.charAt(0) == '"' || raw.charAt(0) == '\'')) {
      int close = raw.indexOf(raw.charAt(0), 1);
      return close < 0 ? raw.substring(1) : raw.substring(1, close);
    }
    int hash = raw.indexOf(" #");
    return (hash < 0 ? raw : raw.substring(0, hash)).strip();
  }

  static List<EnvVar> vercelJson(String file, String text) {
    var vars = new ArrayList<EnvVar>();
    Json.parse(text)
        .ifPresent(node -> {
          for (var section : List.of("env", "build")) {
            var env = section.equals("env") ? node.get("env") : node.path("build").get("env");
            Json.stringMap(env)
                .forEach((k, v) -> vars.add(new EnvVar(file, k, v, lineOf(text, k), false)));
          }
        });
    return vars;
  }

  @SuppressWarnings("unchecked")
  static List<EnvVar> compose(String file, String text) {
    var vars = new ArrayList<EnvVar>();
    Object doc;
    try {
      doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (RuntimeException e) {
      return vars;
    }
    if (!(doc instanceof Map<?, ?> root) || !(root.get("services") instanceof Map<?, ?> services)) {
      return vars;
    }
    for (var service : services.values()) {
      if (!(service instanceof Map<?, ?> s)) {
        continue;
      }
      var env = s.get("environment");
      if (env instanceof Map<?, ?> map) {
        map.forEach((k, v) ->
            vars.add(
                new EnvVar(
                    file,
                    String.valueOf(k),
                    v == null ? "" : String.valueOf(v),
                    lineOf(text, String.valueOf(k)),
                    false)));
      } else if (env instanceof List<?> list) {
        for (var item : (List<Object>) list) {
          var entry = String.valueOf(item);
          int eq = entry.indexOf('=');
          if (eq > 0) {
            var key = entry.substring(0, eq);
            vars.add(new EnvVar(file, key, entry.substring(eq + 1), lineOf(text, key), false));
          }
        }
      }
    }
    return vars;
  }

  static int lineOf(String text, String needle) {
    int at = text.indexOf(needle);
    if (at < 0) {
      return 1;
    }
    int line = 1;
    for (int i = 0; i < at; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
