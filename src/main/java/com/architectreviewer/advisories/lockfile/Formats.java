package com.architectreviewer.advisories.lockfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.toml.TomlMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The document readers the parsers share (JSON, JSONC, YAML, TOML) and small helpers. */
final class Formats {

  static final ObjectMapper JSON = JsonMapper.builder().build();
  static final ObjectMapper JSONC =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA)
          .build();
  static final YAMLMapper YAML = YAMLMapper.builder().build();
  static final TomlMapper TOML = TomlMapper.builder().build();

  /** Lockfiles above this size are not read (a warning says so). */
  static final long MAX_LOCKFILE_BYTES = 64L * 1024 * 1024;

  private Formats() {}

  static String read(Path file) throws IOException {
    if (Files.size(file) > MAX_LOCKFILE_BYTES) {
      throw new IOException("larger than " + (MAX_LOCKFILE_BYTES >> 20) + " MiB");
    }
    return Files.readString(file);
  }

  /**
   * The file read as one document of {@code format} ({@code JSON}, {@code JSONC}, {@code YAML} or
   * {@code TOML}, the name for the warning).
   *
   * @throws Malformed when it is not valid in that format: the lockfile is skipped with a warning
   */
  static JsonNode tree(ObjectMapper mapper, String format, Path file) throws IOException {
    try {
      return mapper.readTree(read(file));
    } catch (JacksonException e) {
      throw new Malformed(format, e);
    }
  }

  /** {@link #yamlDocuments(String)} of the file, or {@link Malformed}. */
  static List<JsonNode> yamlDocuments(Path file) throws IOException {
    try {
      return yamlDocuments(read(file));
    } catch (JacksonException e) {
      throw new Malformed("YAML", e);
    }
  }

  /**
   * A lockfile that is not valid in its format; its message is the warning's text after the file
   * name ({@code not valid TOML, skipped (...)}).
   */
  static final class Malformed extends IOException {
    Malformed(String format, JacksonException e) {
      super("not valid " + format + ", skipped (" + e.getOriginalMessage() + ")", e);
    }
  }

  /** Every YAML document of a (possibly multi-document) stream. */
  static List<JsonNode> yamlDocuments(String text) {
    var documents = new ArrayList<JsonNode>();
    try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(text)) {
      while (it.hasNextValue()) {
        documents.add(it.nextValue());
      }
    }
    return documents;
  }

  static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode node) {
    if (node == null || !node.isObject()) {
      return List.of();
    }
    return () -> (Iterator<Map.Entry<String, JsonNode>>) node.properties().iterator();
  }

  /** PEP 503 name normalisation: lower case, runs of {@code -_.} become one {@code -}. */
  static String pypiName(String name) {
    return name.strip().toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
  }

  /** The name part of an npm specifier {@code name@range} ({@code @scope/name@range} too). */
  static String npmName(String specifier) {
    int at = specifier.indexOf('@', 1);
    return at < 0 ? specifier : specifier.substring(0, at);
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() || value.isContainer() ? null : value.asString();
  }
}
