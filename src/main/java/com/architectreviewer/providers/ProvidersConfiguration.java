package com.architectreviewer.providers;

import com.architectreviewer.kv.KeyValueStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProvidersProperties.class)
class ProvidersConfiguration {

  private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  @Bean
  LlmGateway llmGateway(
      ProviderCatalogue catalogue,
      ProviderKeys keys,
      ProvidersProperties properties,
      ObjectMapper json,
      MeterRegistry meters,
      KeyValueStore kv,
      ObjectProvider<Clock> clock) {
    Duration connect =
        properties.timeout().compareTo(MAX_CONNECT_TIMEOUT) < 0
            ? properties.timeout()
            : MAX_CONNECT_TIMEOUT;
    Clock time = clock.getIfUnique(Clock::systemUTC);
    var http = new ProviderHttp(connect, time);
    var guards = new ProviderGuards(properties, kv, time, meters);
    // Every configured provider's breaker gauge exists from the start, not from its first call.
    // Names come from the configuration, not the table: building a bean must not need the database
    // (`reviewer migrate` over DIRECT_URL, or a start while PostgreSQL is down).
    properties.catalogue().forEach(seed -> guards.register(seed.name()));
    return new LlmGateway(
        catalogue::enabled,
        keys,
        new ProviderCaller(http, json, properties.timeout()),
        guards,
        properties.allowPrivateBaseUrls(),
        meters);
  }
}
