package com.architectreviewer.observability;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code REVIEWER_LOG_FORMAT=json} switches console logs to structured JSON (Logstash layout, MDC
 * included: request, tenant and job ids); anything else keeps the human-readable console format.
 */
class LogFormat implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    String format = environment.getProperty("REVIEWER_LOG_FORMAT", "text");
    switch (format.toLowerCase(Locale.ROOT)) {
      case "json" ->
          environment
              .getPropertySources()
              .addFirst(
                  new MapPropertySource(
                      "reviewerLogFormat",
                      Map.of("logging.structured.format.console", "logstash")));
      case "text" -> {}
      default ->
          throw new IllegalStateException(
              "REVIEWER_LOG_FORMAT must be 'text' or 'json', not '" + format + "'");
    }
  }
}
