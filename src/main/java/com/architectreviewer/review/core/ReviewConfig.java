package com.architectreviewer.review.core;

import com.architectreviewer.review.ConfigInvalid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * {@code .reviewer.yml} at the scanned root:
 *
 * <pre>
 * ignore:
 *   - rule: AR-DB-001
 *     path: "scripts/**"
 *     reason: one-off seed script, never deployed
 * </pre>
 *
 * @param ignores ignore entries
 */
public record ReviewConfig(List<IgnoreEntry> ignores) {

  public static final String FILE_NAME = ".reviewer.yml";

  public static ReviewConfig empty() {
    return new ReviewConfig(List.of());
  }

  /**
   * Reads {@code root/.reviewer.yml}; empty when absent.
   *
   * @throws ConfigInvalid naming the entry and the missing field
   */
  public static ReviewConfig read(Path root) {
    var file = root.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return empty();
    }
    Object doc;
    try {
      doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
    } catch (IOException | YAMLException e) {
      throw new ConfigInvalid(FILE_NAME + " is not valid YAML: " + firstLine(e.getMessage()));
    }
    if (doc == null) {
      return empty();
    }
    if (!(doc instanceof Map<?, ?> map)) {
      throw new ConfigInvalid(FILE_NAME + " must be a mapping with an 'ignore' list");
    }
    var ignore = map.get("ignore");
    if (ignore == null) {
      return empty();
    }
    if (!(ignore instanceof List<?> list)) {
      throw new ConfigInvalid(FILE_NAME + ": 'ignore' must be a list of {rule, path, reason}");
    }
    var entries = new ArrayList<IgnoreEntry>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> entry)) {
        throw new ConfigInvalid(FILE_NAME + ": ignore entry " + (i + 1) + " must be a mapping");
      }
      var rule = field(entry, "rule", i);
      var path = field(entry, "path", i);
      var reason = field(entry, "reason", i);
      if (!rule.equals("*") && !rule.matches("[A-Z]+-[A-Z]+-\\d{3}")) {
        throw new ConfigInvalid(
            FILE_NAME
                + ": ignore entry "
                + (i + 1)
                + " has rule '"
                + rule
                + "'; expected an id like AR-DB-001 or *");
      }
      entries.add(new IgnoreEntry(rule, path, reason));
    }
    return new ReviewConfig(entries);
  }

  private static String field(Map<?, ?> entry, String name, int index) {
    var value = entry.get(name);
    if (value == null || String.valueOf(value).isBlank()) {
      throw new ConfigInvalid(
          FILE_NAME
              + ": ignore entry "
              + (index + 1)
              + " needs a non-empty '"
              + name
              + "'"
              + (name.equals("reason") ? " (every ignore must say why)" : ""));
    }
    return String.valueOf(value).strip();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
