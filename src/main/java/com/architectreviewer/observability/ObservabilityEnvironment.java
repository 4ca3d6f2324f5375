package com.architectreviewer.observability;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns the operator's environment variables into Spring settings before logging starts:
 *
 * <ul>
 *   <li>{@code REVIEWER_LOG_FORMAT=json} switches console logs to structured JSON (Logstash layout,
 *       MDC included: request, tenant and job ids); {@code text} (the default) keeps the
 *       human-readable format.
 *   <li>{@code OTEL_EXPORTER_OTLP_ENDPOINT} (the standard OpenTelemetry variable) turns on
 *       OTLP/HTTP trace export to {@code <endpoint>/v1/traces}; without it traces are recorded for
 *       log correlation only and sent nowhere.
 * </ul>
 */
class ObservabilityEnvironment implements EnvironmentPostProcessor {

  static final String LOG_FORMAT = "REVIEWER_LOG_FORMAT";
  static final String OTLP_ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> settings = new HashMap<>();
    String format = environment.getProperty(LOG_FORMAT, "text");
    switch (format.toLowerCase(Locale.ROOT)) {
      case "json" -> settings.put("logging.structured.format.console", "logstash");
      case "text" -> {}
      default ->
          throw new IllegalStateException(
              LOG_FORMAT + " must be 'text' or 'json', not '" + format + "'");
    }
    String endpoint = environment.getProperty(OTLP_ENDPOINT);
    if (endpoint != null && !endpoint.isBlank()) {
      String base =
          endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
      settings.put("management.opentelemetry.tracing.export.otlp.endpoint", base + "/v1/traces");
    }
    if (!settings.isEmpty()) {
      environment
          .getPropertySources()
          .addFirst(new MapPropertySource("reviewerObservability", settings));
    }
  }
}
