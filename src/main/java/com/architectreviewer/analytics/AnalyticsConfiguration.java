package com.architectreviewer.analytics;

import com.architectreviewer.kv.KeyValueStore;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class AnalyticsConfiguration {

  private static final Logger log = LoggerFactory.getLogger(AnalyticsConfiguration.class);
  private static final Duration DEFAULT_POOL_TIMEOUT = Duration.ofSeconds(10);

  /** The buffer's own format: independent of the web layer's JSON settings. */
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  @Bean
  AnalyticsMetrics analyticsMetrics(MeterRegistry meters) {
    return new AnalyticsMetrics(meters);
  }

  @Bean
  PoolPressure poolPressure(MeterRegistry meters) {
    return new PoolPressure(meters);
  }

  @Bean
  GuardedWriter guardedWriter(
      JdbcTemplate jdbc,
      PlatformTransactionManager transactions,
      PoolPressure pool,
      AnalyticsProperties properties,
      Environment environment,
      MeterRegistry meters) {
    Duration poolTimeout =
        Binder.get(environment)
            .bind("reviewer.db.pool-timeout", Duration.class)
            .orElse(DEFAULT_POOL_TIMEOUT);
    Duration slowCall = properties.slowCallFor(poolTimeout);
    Duration writeTimeout = properties.writeTimeoutFor(poolTimeout);
    var breakers = CircuitBreakerRegistry.ofDefaults();
    TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
    CircuitBreaker breaker = breakers.circuitBreaker("analytics", breaker(slowCall, properties));
    breaker
        .getEventPublisher()
        .onStateTransition(e ->
            log.warn(
                "Non-critical writes breaker {}: {}",
                e.getStateTransition(),
                e.getStateTransition().getToState() == CircuitBreaker.State.OPEN
                    ? "writes go to the buffer until the database is healthy"
                    : "writes go to the database; the buffer is drained"));
    var bulkheads = BulkheadRegistry.ofDefaults();
    TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
    Bulkhead bulkhead =
        bulkheads.bulkhead(
            "analytics",
            BulkheadConfig.custom()
                .maxConcurrentCalls(properties.maxConnections())
                .maxWaitDuration(Duration.ZERO)
                .build());
    Gauge.builder(
            "reviewer.analytics.breaker.open",
            breaker,
            b -> b.getState() == CircuitBreaker.State.OPEN ? 1 : 0)
        .register(meters);
    return new GuardedWriter(
        jdbc, new TransactionTemplate(transactions), breaker, bulkhead, pool, writeTimeout, JSON);
  }

  /**
   * A fast path: judged on the last 5 batches (from 2 on), opens at half failing or half slow, a
   * batch being slow past a tenth of the pool timeout; two probe batches after {@code openFor}.
   */
  static CircuitBreakerConfig breaker(Duration slowCall, AnalyticsProperties properties) {
    return CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(5)
        .minimumNumberOfCalls(2)
        .failureRateThreshold(50)
        .slowCallRateThreshold(50)
        .slowCallDurationThreshold(slowCall)
        .waitDurationInOpenState(properties.openFor())
        // The pump only writes when the breaker is not open, so it must half-open by itself.
        .automaticTransitionFromOpenToHalfOpenEnabled(true)
        .permittedNumberOfCallsInHalfOpenState(2)
        .build();
  }

  @Bean
  WriteBuffer writeBuffer(
      KeyValueStore kv,
      AnalyticsProperties properties,
      AnalyticsMetrics metrics,
      MeterRegistry meters) {
    var buffer = new WriteBuffer(kv, properties.bufferCapacity(), metrics, JSON);
    Gauge.builder("reviewer.analytics.buffer.size", buffer, WriteBuffer::size)
        .description("Writes waiting in the buffer")
        .register(meters);
    return buffer;
  }

  /** The security module's {@code KeyUsage}: {@code last_used_at} as a non-critical write. */
  @Bean
  KeyUsageRecorder keyUsageRecorder(Clock clock, AnalyticsProperties properties) {
    return new KeyUsageRecorder(clock, properties.keyUsageInterval());
  }

  @Bean(destroyMethod = "close")
  WritePump writePump(
      GuardedWriter writer,
      WriteBuffer buffer,
      KeyUsageRecorder keyUsage,
      AnalyticsMetrics metrics,
      AnalyticsProperties properties) {
    return new WritePump(
        writer,
        buffer,
        keyUsage,
        metrics,
        properties.stagingCapacity(),
        properties.batchSize(),
        properties.flushInterval());
  }

  @Bean
  NonCriticalWrites nonCriticalWrites(WritePump pump, Clock clock) {
    return new NonCriticalWrites(pump, clock);
  }

  @Bean(destroyMethod = "close")
  ActiveUsers activeUsers(KeyValueStore kv, Clock clock, MeterRegistry meters) {
    var users = new ActiveUsers(kv, clock, Duration.ofSeconds(1));
    Gauge.builder("reviewer.active.users", users, ActiveUsers::countAll)
        .description("Distinct API keys used in the last five minutes, all tenants")
        .register(meters);
    return users;
  }

  @Bean
  WebMvcConfigurer requestTracking(ActiveUsers activeUsers, NonCriticalWrites writes) {
    return new WebMvcConfigurer() {
      @Override
      public void addInterceptors(InterceptorRegistry registry) {
        registry
            .addInterceptor(new RequestTracking(activeUsers, writes))
            .addPathPatterns("/api/**");
      }
    };
  }
}
