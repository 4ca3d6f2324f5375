package com.architectreviewer;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.testsupport.PlatformTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

@PlatformTest
class PlatformSmokeIT {

  @Autowired TestRestTemplate http;

  @Test
  void healthIsUpOnAMigratedDatabase() {
    var response = http.getForEntity("/actuator/health", String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getBody()).contains("\"UP\"");
  }

  @Test
  void apiWithoutKeyIsAnUnauthorizedProblem() {
    var response = http.getForEntity("/api/v1/repositories", String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(response.getBody()).contains("/problems/unauthorized");
  }
}
