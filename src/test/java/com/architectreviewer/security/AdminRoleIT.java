package com.architectreviewer.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.testsupport.ApiClient;
import com.architectreviewer.testsupport.ApiPlatformTest;
import com.architectreviewer.testsupport.Tenants;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@ApiPlatformTest
class AdminRoleIT {

  @LocalServerPort int port;
  @Autowired ApiKeys keys;

  @Test
  void memberKeysGet403OnAdminEndpointsAndAdminKeysPass() {
    var tenants = new Tenants(keys);
    var member = new ApiClient(port, tenants.newKey(Caller.Role.MEMBER));
    var admin = new ApiClient(port, tenants.newKey(Caller.Role.ADMIN));

    for (String[] route :
        new String[][] {
          {"PUT", "/api/v1/providers/openai"},
          {"DELETE", "/api/v1/providers/openai"},
          {"GET", "/api/v1/stats"},
          {"GET", "/api/v1/%73tats"},
          {"GET", "/api/v1/admin/anything"}
        }) {
      var memberResponse =
          member.send(
              route[0],
              route[1],
              route[0].equals("PUT") ? "{}" : null,
              Map.of("Content-Type", "application/json"));
      var adminResponse =
          admin.send(
              route[0],
              route[1],
              route[0].equals("PUT") ? "{}" : null,
              Map.of("Content-Type", "application/json"));

      assertThat(memberResponse.statusCode()).as(route[1]).isEqualTo(403);
      assertThat(memberResponse.body()).contains("/problems/forbidden");
      assertThat(adminResponse.statusCode()).as(route[1]).isNotEqualTo(403);
    }
  }

  @Test
  void memberKeysUseTheOrdinaryEndpoints() {
    var member = new ApiClient(port, new Tenants(keys).newKey(Caller.Role.MEMBER));

    assertThat(member.get("/api/v1/repositories").statusCode()).isEqualTo(200);
  }
}
