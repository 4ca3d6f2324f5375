package com.architectreviewer.cache;

import com.architectreviewer.kv.KeyValueStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

  @Bean(destroyMethod = "close")
  TagVersions tagVersions(KeyValueStore kv, CacheProperties properties) {
    return new TagVersions(kv, properties.versionCheck());
  }

  /**
   * Background refreshes; at most one per stale value runs at a time. Wrapped, not an Executor
   * bean, so that Boot still creates its own application task executor.
   */
  @Bean(destroyMethod = "close")
  CacheRefresher cacheRefresher() {
    return new CacheRefresher(
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("cache-refresh-", 0).factory()));
  }

  record CacheRefresher(ExecutorService executor) implements AutoCloseable {
    @Override
    public void close() {
      executor.shutdownNow();
    }
  }

  @Bean
  TaggedCache taggedCache(
      TagVersions versions,
      CacheProperties properties,
      MeterRegistry meters,
      Clock clock,
      CacheRefresher cacheRefresher) {
    return new TaggedCache(
        versions, properties, new CacheMetrics(meters), clock, cacheRefresher.executor());
  }
}
