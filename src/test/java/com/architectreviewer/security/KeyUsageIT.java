package com.architectreviewer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.architectreviewer.testsupport.ApiClient;
import com.architectreviewer.testsupport.ApiPlatformTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@ApiPlatformTest
class KeyUsageIT {

  @LocalServerPort int port;
  @Autowired ApiKeys keys;
  @Autowired JdbcClient jdbc;

  @Test
  void lastUsedAtIsWrittenShortlyAfterUseAndOffTheRequest() {
    String key =
        keys.createKey(keys.ensureTenant("usage-" + UUID.randomUUID()), Caller.Role.MEMBER);
    String prefix = key.substring(4, 12);
    assertThat(lastUsed(prefix)).isNull();

    assertThat(new ApiClient(port, key).get("/api/v1/repositories").statusCode()).isEqualTo(200);

    await().atMost(Duration.ofSeconds(10)).until(() -> lastUsed(prefix) != null);
    assertThat(lastUsed(prefix)).isAfter(OffsetDateTime.now().minusMinutes(1));
  }

  private OffsetDateTime lastUsed(String prefix) {
    return jdbc.sql("SELECT last_used_at FROM api_keys WHERE prefix = :prefix")
        .param("prefix", prefix)
        .query(OffsetDateTime.class)
        .optional()
        .orElse(null);
  }
}
