package com.architectreviewer.security;

import java.util.List;
import java.util.Map;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * JSON input is read strictly (the seed's "zod on all inputs"): unknown fields, duplicate keys,
 * trailing tokens, and scalars of the wrong type ({@code "name": 5}, {@code "limit": "5"}, {@code
 * "flag": 1}) are refused instead of being coerced.
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

  /** Input shapes refused for each scalar type, instead of being coerced to it. */
  private static final Map<LogicalType, List<CoercionInputShape>> REFUSED =
      Map.of(
          LogicalType.Textual,
          List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean),
          LogicalType.Integer,
          List.of(
              CoercionInputShape.Float, CoercionInputShape.String, CoercionInputShape.EmptyString),
          LogicalType.Float,
          List.of(CoercionInputShape.String, CoercionInputShape.EmptyString),
          LogicalType.Boolean,
          List.of(
              CoercionInputShape.Integer,
              CoercionInputShape.String,
              CoercionInputShape.EmptyString));

  @Bean
  JsonMapperBuilderCustomizer strictJsonInput() {
    return builder -> {
      builder
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
      REFUSED.forEach((type, shapes) ->
          builder.withCoercionConfig(
              type,
              config -> shapes.forEach(shape -> config.setCoercion(shape, CoercionAction.Fail))));
    };
  }
}
