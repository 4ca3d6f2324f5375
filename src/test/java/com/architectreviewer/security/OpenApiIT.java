package com.architectreviewer.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.testsupport.ApiClient;
import com.architectreviewer.testsupport.ApiPlatformTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@ApiPlatformTest
class OpenApiIT {

  @LocalServerPort int port;

  @Test
  void theOpenApiDocumentAndSwaggerUiNeedNoKey() {
    var anonymous = new ApiClient(port, null);

    var document = anonymous.get("/v3/api-docs");
    var ui = anonymous.get("/swagger-ui/index.html");

    assertThat(document.statusCode()).isEqualTo(200);
    assertThat(document.body())
        .contains("\"openapi\":\"3.1")
        .contains("/api/v1/repositories")
        .contains("/api/v1/repositories/{id}")
        .contains("\"bearer\"")
        .doesNotContain("/actuator");
    assertThat(ui.statusCode()).isEqualTo(200);
    assertThat(ui.body()).contains("swagger-ui");
  }
}
