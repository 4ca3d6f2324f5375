package com.architectreviewer.kv;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.testsupport.PlatformTest;
import com.architectreviewer.testsupport.TestRedis;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The application wires the KV layer to Redis when REDIS_URL is set. */
@PlatformTest
class KvPlatformIT {

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    registry.add("REDIS_URL", () -> TestRedis.shared().url());
  }

  @Autowired KeyValueStore store;
  @Autowired SharedRedis sharedRedis;
  @Autowired TestRestTemplate http;

  @Test
  void usesTheOneSharedRedisClient() {
    store.set("platform:probe", "1", Duration.ofMinutes(1));
    assertThat(store.isShared()).isTrue();
    assertThat(sharedRedis.client()).isPresent();
    assertThat(sharedRedis.key("platform:probe")).isEqualTo("reviewer:platform:probe");
    assertThat(sharedRedis.bytesConnection().orElseThrow().sync().get("reviewer:platform:probe"))
        .isEqualTo("1".getBytes());
  }

  @Test
  void exposesWhetherTheKvLayerIsShared() {
    var metrics = http.getForObject("/actuator/prometheus", String.class);
    assertThat(metrics).contains("reviewer_kv_shared 1.0");
    assertThat(metrics).contains("reviewer_kv_redis_up 1.0");
    assertThat(metrics).contains("resilience4j_circuitbreaker_state{name=\"redis\"");
  }
}
