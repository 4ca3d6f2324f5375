package com.architectreviewer.kv;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The KV layer: Redis with an in-process fallback when {@code REDIS_URL} is set, else in-process.
 */
@Configuration(proxyBeanMethods = false)
class KvConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean(destroyMethod = "close")
  SharedRedis sharedRedis(Environment environment, KvProperties properties) {
    String url = environment.getProperty("REDIS_URL");
    return url == null || url.isBlank()
        ? SharedRedis.disabled()
        : SharedRedis.connectingTo(url, properties);
  }

  @Bean
  KeyValueStore keyValueStore(
      SharedRedis redis, KvProperties properties, Clock clock, MeterRegistry meters) {
    if (!redis.enabled()) {
      Gauge.builder("reviewer.kv.shared", () -> 0).register(meters);
      return new InProcessKeyValueStore(clock);
    }
    var breakers = CircuitBreakerRegistry.ofDefaults();
    TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
    var store = FailoverKeyValueStore.over(redis, properties, clock, breakers);
    Gauge.builder("reviewer.kv.shared", () -> store.isShared() ? 1 : 0)
        .description("1 while the KV layer's data lives in Redis, 0 while it is in-process")
        .register(meters);
    Gauge.builder("reviewer.kv.redis.up", () -> store.isShared() ? 1 : 0)
        .description("1 while Redis answers; 0 while the KV layer runs on its local fallback")
        .register(meters);
    return store;
  }

  /**
   * Opens after 2 failures among the last 4 calls (a command timeout counts), then probes Redis
   * with one call per fallback period.
   */
  static CircuitBreakerConfig redisBreaker(KvProperties properties) {
    return CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(4)
        .minimumNumberOfCalls(2)
        .failureRateThreshold(50)
        .waitDurationInOpenState(properties.fallbackPeriod())
        .permittedNumberOfCallsInHalfOpenState(1)
        .recordExceptions(KeyValueStoreUnavailable.class)
        .build();
  }
}
