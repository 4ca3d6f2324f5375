package com.architectreviewer.advisories.lockfile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Yarn classic ({@code # yarn lockfile v1}): blocks headed by one or more {@code name@range}
 * specifiers, with {@code version} and {@code dependencies}. The top-level dependencies come from
 * the {@code package.json} beside it (and its workspaces).
 */
final class YarnClassicParser implements LockfileParser {

  @Override
  public ParsedLockfile parse(Path file, String relative) throws IOException {
    var warnings = new ArrayList<String>();
    var graph = new LockGraph();
    Map<String, String> bySpecifier = new HashMap<>();
    Map<String, List<String>> depSpecs = new HashMap<>();
    String current = null;
    String currentName = null;
    List<String> currentSpecs = List.of();
    boolean inDependencies = false;
    int lineNumber = 0;
    for (String line : Formats.read(file).split("\n", -1)) {
      lineNumber++;
      String stripped = line.stripTrailing();
      if (stripped.isBlank() || stripped.startsWith("#")) {
        continue;
      }
      if (!Character.isWhitespace(line.charAt(0))) {
        if (!stripped.endsWith(":")) {
          warnings.add(relative + ": line " + lineNumber + " is not a Yarn v1 entry, skipped");
          current = null;
          continue;
        }
        currentSpecs = specifiers(stripped.substring(0, stripped.length() - 1));
        current = currentSpecs.getFirst();
        currentName = Formats.npmName(current);
        inDependencies = false;
        continue;
      }
      if (current == null) {
        continue;
      }
      String content = stripped.strip();
      int indent = line.indexOf(content.charAt(0));
      if (indent <= 2) {
        inDependencies = content.equals("dependencies:") || content.equals("optionalDependencies:");
        if (content.startsWith("version ")) {
          String version = unquote(content.substring("version ".length()));
          if (NpmLockParser.registryVersion(version)) {
            graph.node(current, currentName, version, null);
            for (String spec : currentSpecs) {
              bySpecifier.put(spec, current);
            }
          } else {
            warnings.add(NpmLockParser.unchecked(relative, currentName, version));
          }
        }
      } else if (inDependencies) {
        int space = content.indexOf(' ');
        if (space > 0) {
          String dep = unquote(content.substring(0, space));
          String range = unquote(content.substring(space + 1));
          depSpecs.computeIfAbsent(current, k -> new ArrayList<>()).add(dep + "@" + range);
        }
      }
    }
    depSpecs.forEach((from, specs) ->
        specs.forEach(spec -> {
          String to = bySpecifier.get(spec);
          if (to != null) {
            graph.edge(from, to);
          }
        }));
    for (ManifestRoots.Declared d : ManifestRoots.of(file)) {
      String key = bySpecifier.get(d.name() + "@" + d.range());
      if (key != null) {
        graph.root(key, d.dev(), d.member());
      }
    }
    if (!graph.hasRoots()) {
      graph.rootsFromUnreferenced();
    }
    return new ParsedLockfile(graph.resolve("npm", relative), warnings);
  }

  private static List<String> specifiers(String header) {
    var specs = new ArrayList<String>();
    for (String part : header.split(",")) {
      String spec = unquote(part.strip());
      if (!spec.isEmpty()) {
        specs.add(spec);
      }
    }
    return specs.isEmpty() ? List.of(header) : specs;
  }

  private static String unquote(String s) {
    String t = s.strip();
    if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
      return t.substring(1, t.length() - 1);
    }
    return t;
  }
}
