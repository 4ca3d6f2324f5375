package com.architectreviewer.review.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Lenient JSON reading for config files (tsconfig allows comments and trailing commas). */
final class Json {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
          .build();

  private Json() {}

  /** The parsed document, or empty when it is not valid JSON(C). */
  static Optional<JsonNode> parse(String text) {
    try {
      var node = MAPPER.readTree(text);
      return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }

  static Map<String, String> stringMap(JsonNode node) {
    var map = new LinkedHashMap<String, String>();
    if (node != null && node.isObject()) {
      for (var name : node.propertyNames()) {
        map.put(name, node.get(name).asString(""));
      }
    }
    return map;
  }

  static List<String> strings(JsonNode node) {
    var list = new ArrayList<String>();
    if (node != null && node.isArray()) {
      for (var item : node) {
        if (item.isString()) {
          list.add(item.asString());
        }
      }
    } else if (node != null && node.isString()) {
      list.add(node.asString());
    }
    return list;
  }
}
