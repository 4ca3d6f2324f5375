package com.architectreviewer.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.security.ApiKeys;
import com.architectreviewer.security.Caller;
import com.architectreviewer.testsupport.LlmPlatformInitializer;
import com.architectreviewer.testsupport.LlmPlatformTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

@LlmPlatformTest
class ProviderApiIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @Autowired ApiKeys apiKeys;
  @Autowired ObjectMapper json;

  private String admin;
  private String member;

  @BeforeEach
  void keys() {
    UUID tenant = apiKeys.ensureTenant("providers-" + UUID.randomUUID());
    admin = apiKeys.createKey(tenant, Caller.Role.ADMIN);
    member = apiKeys.createKey(tenant, Caller.Role.MEMBER);
  }

  @Test
  void listsTheSeededCatalogueWithoutEverShowingAKey() throws Exception {
    var response = send("GET", "/api/v1/providers", member, null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Status")).isPresent();
    assertThat(response.body()).doesNotContain(LlmPlatformInitializer.KEY);
    JsonNode providers = json.readTree(response.body()).path("providers");
    assertThat(providers.findValuesAsString("name"))
        .containsSubsequence("primary", "secondary", "spare");
    JsonNode primary = byName(providers, "primary");
    assertThat(primary.path("apiStyle").asString()).isEqualTo("openai-chat");
    assertThat(primary.path("apiKeyEnv").asString()).isEqualTo(LlmPlatformInitializer.KEY_ENV);
    assertThat(primary.path("apiKeyPresent").asBoolean()).isTrue();
    assertThat(primary.path("inputPricePer1k").decimalValue()).isEqualByComparingTo("0.5");
    assertThat(primary.path("circuit").asString()).isEqualTo("closed");
    assertThat(byName(providers, "spare").path("enabled").asBoolean()).isFalse();
  }

  @Test
  void memberKeysCannotEditTheCatalogue() throws Exception {
    var response = send("PUT", "/api/v1/providers/spare", member, update("spare-stub", "spare", 3));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("/problems/forbidden");
  }

  @Test
  void adminEditsAnEntryAndTheListShowsIt() throws Exception {
    var response =
        send("PUT", "/api/v1/providers/spare", admin, update("spare-stub-2", "spare", 7));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json.readTree(response.body()).path("model").asString()).isEqualTo("spare-stub-2");
    JsonNode listed =
        byName(
            json.readTree(send("GET", "/api/v1/providers", member, null).body()).path("providers"),
            "spare");
    assertThat(listed.path("model").asString()).isEqualTo("spare-stub-2");
    assertThat(listed.path("priority").asInt()).isEqualTo(7);
    assertThat(listed.path("apiKeyEnv").asString()).isEqualTo(LlmPlatformInitializer.KEY_ENV);
  }

  @Test
  void unknownProviderIsANotFoundProblem() throws Exception {
    var response = send("PUT", "/api/v1/providers/nope", admin, update("m", "nope", 1));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("/problems/not-found");
  }

  @Test
  void invalidFieldsAreAValidationProblem() throws Exception {
    String body =
        """
        {"apiStyle":"soap","baseUrl":"","model":"m","inputPricePer1k":-1,"outputPricePer1k":0,
         "maxOutputTokens":0,"requestsPerMinute":10,"enabled":true,"priority":1}
        """;
    var response = send("PUT", "/api/v1/providers/spare", admin, body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body())
        .contains("/problems/validation")
        .contains("apiStyle")
        .contains("inputPricePer1k")
        .contains("maxOutputTokens");
  }

  @Test
  void unknownFieldsAreRefused() throws Exception {
    String body = update("m", "spare", 1).replace("{", "{\"apiKey\":\"sk-smuggled\",");
    var response = send("PUT", "/api/v1/providers/spare", admin, body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void theKeysOriginCannotBeMovedThroughTheApi() throws Exception {
    String body = update("m", "spare", 1).replace(stubUrl("spare"), "https://93.184.216.34/v1");
    var response = send("PUT", "/api/v1/providers/spare", admin, body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("baseUrl").contains("bound to");
  }

  private static JsonNode byName(JsonNode providers, String name) {
    for (JsonNode provider : providers) {
      if (name.equals(provider.path("name").asString())) {
        return provider;
      }
    }
    throw new AssertionError("no provider " + name + " in " + providers);
  }

  private static String stubUrl(String name) {
    return LlmPlatformInitializer.stub().baseUrl(name).toString();
  }

  private static String update(String model, String name, int priority) {
    return """
    {"apiStyle":"openai-chat","baseUrl":"%s","model":"%s","inputPricePer1k":0.25,
     "outputPricePer1k":1.0,"maxOutputTokens":500,"requestsPerMinute":30,"enabled":false,
     "priority":%d}
    """
        .formatted(stubUrl(name), model, priority);
  }

  private HttpResponse<String> send(String method, String path, String key, String body)
      throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + key)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
