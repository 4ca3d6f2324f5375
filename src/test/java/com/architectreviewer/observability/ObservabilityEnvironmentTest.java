package com.architectreviewer.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ObservabilityEnvironmentTest {

  private final ObservabilityEnvironment processor = new ObservabilityEnvironment();

  private StandardEnvironment environmentWith(Map<String, Object> variables) {
    var environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("env", variables));
    processor.postProcessEnvironment(environment, new SpringApplication());
    return environment;
  }

  @Test
  void jsonLogFormatSelectsStructuredConsoleLogs() {
    var environment = environmentWith(Map.of("REVIEWER_LOG_FORMAT", "JSON"));
    assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("logstash");
  }

  @Test
  void textLogFormatIsTheDefault() {
    var environment = environmentWith(Map.of());
    assertThat(environment.getProperty("logging.structured.format.console")).isNull();
  }

  @Test
  void unknownLogFormatFailsStartupWithTheAllowedValues() {
    assertThatThrownBy(() -> environmentWith(Map.of("REVIEWER_LOG_FORMAT", "xml")))
        .hasMessageContaining("'text' or 'json'");
  }

  @Test
  void otlpEndpointTurnsOnTraceExportToTheTracesPath() {
    var environment =
        environmentWith(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/"));
    assertThat(environment.getProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
        .isEqualTo("http://collector:4318/v1/traces");
  }

  @Test
  void noOtlpEndpointExportsNothing() {
    var environment = environmentWith(Map.of());
    assertThat(environment.getProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
        .isNull();
  }
}
