package com.architectreviewer.advisories.osv;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Reads OSV JSON documents (schema 1.x) into {@link Advisory} values. */
public final class OsvParser {

  private static final int MAX_SUMMARY = 300;
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** Thrown when a document is not an OSV advisory; the message says what is wrong. */
  public static final class NotAnAdvisory extends Exception {
    NotAnAdvisory(String message) {
      super(message);
    }
  }

  public Advisory parse(byte[] json) throws NotAnAdvisory {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new NotAnAdvisory("not valid JSON (" + e.getOriginalMessage() + ")");
    }
    return parse(root);
  }

  public Advisory parse(JsonNode root) throws NotAnAdvisory {
    if (root == null || !root.isObject()) {
      throw new NotAnAdvisory("not a JSON object");
    }
    String id = text(root, "id");
    if (id == null || id.isBlank()) {
      throw new NotAnAdvisory("no \"id\"");
    }
    Instant modified = instant(root, "modified", id);
    if (modified == null) {
      throw new NotAnAdvisory(id + ": no \"modified\" timestamp");
    }
    Instant withdrawn = instant(root, "withdrawn", id);
    var aliases = new ArrayList<String>();
    root.path("aliases").forEach(a -> aliases.add(a.asString()));
    var vectors = new ArrayList<String>();
    root.path("severity")
        .forEach(s -> {
          String score = s.path("score").asString("");
          if (score.startsWith("CVSS:")) {
            vectors.add(score);
          }
        });
    String databaseSeverity = text(root.path("database_specific"), "severity");
    var affected = new ArrayList<Advisory.Affected>();
    for (JsonNode a : root.path("affected")) {
      var pkg = a.path("package");
      String ecosystem = text(pkg, "ecosystem");
      String name = text(pkg, "name");
      if (ecosystem == null || name == null) {
        continue;
      }
      if (databaseSeverity == null) {
        databaseSeverity = text(a.path("ecosystem_specific"), "severity");
      }
      var versions = new ArrayList<String>();
      a.path("versions").forEach(v -> versions.add(v.asString()));
      affected.add(new Advisory.Affected(ecosystem, name, ranges(a.path("ranges")), versions));
    }
    return new Advisory(
        id, modified, withdrawn, aliases, summary(root), vectors, databaseSeverity, affected);
  }

  private static List<Advisory.Range> ranges(JsonNode ranges) {
    var result = new ArrayList<Advisory.Range>();
    for (JsonNode r : ranges) {
      var events = new ArrayList<Advisory.Event>();
      for (JsonNode e : r.path("events")) {
        for (Advisory.Kind kind : Advisory.Kind.values()) {
          String version = text(e, kind.field());
          if (version != null) {
            events.add(new Advisory.Event(kind, version));
          }
        }
      }
      result.add(new Advisory.Range(r.path("type").asString("ECOSYSTEM"), events));
    }
    return result;
  }

  private static String summary(JsonNode root) {
    String summary = text(root, "summary");
    if (summary == null || summary.isBlank()) {
      String details = text(root, "details");
      summary = details == null ? "" : details.strip().lines().findFirst().orElse("");
    }
    summary = summary.strip();
    return summary.length() > MAX_SUMMARY ? summary.substring(0, MAX_SUMMARY - 1) + "…" : summary;
  }

  private static Instant instant(JsonNode node, String field, String id) throws NotAnAdvisory {
    String value = text(node, field);
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new NotAnAdvisory(id + ": \"" + field + "\" is not an RFC 3339 timestamp: " + value);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isString() ? null : value.asString();
  }
}
