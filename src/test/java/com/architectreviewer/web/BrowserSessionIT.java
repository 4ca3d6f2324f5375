package com.architectreviewer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.security.ApiKeys;
import com.architectreviewer.security.Caller;
import com.architectreviewer.testsupport.PlatformTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sign-in, the session cookie's attributes, CSRF on forms and on API calls made with the cookie,
 * sign-out.
 */
@PlatformTest
class BrowserSessionIT {

  @LocalServerPort int port;
  @Autowired ApiKeys apiKeys;
  @Autowired JdbcClient jdbc;

  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private String key;

  @BeforeEach
  void key() {
    key = apiKeys.createKey(apiKeys.ensureTenant("ui-" + System.nanoTime()), Caller.Role.MEMBER);
  }

  @Test
  void pagesRedirectToSignInWithoutASession() throws Exception {
    var response = get("/ui/portfolio", null);
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location").orElseThrow())
        .endsWith("/ui/login?next=%2Fui%2Fportfolio");
  }

  @Test
  void wrongKeyIsRefusedWithAMessage() throws Exception {
    var response = post("/ui/login", "apiKey=rvw_nope_nope", null, null);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("not valid");
    assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void signInSetsAStrictHttpOnlyCookieThatOpensPagesAndTheApi() throws Exception {
    String cookie = signIn();
    var page = get("/ui/portfolio", cookie);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("name=\"csrf-token\"");
    assertThat(get("/api/v1/repositories", cookie).statusCode()).isEqualTo(200);
  }

  @Test
  void unsafeApiCallsWithTheCookieNeedTheCsrfToken() throws Exception {
    String cookie = signIn();
    String csrf = csrfToken(cookie);
    String body = "{\"name\":\"x\",\"url\":\"https://github.com/example/app\"}";
    assertThat(postJson("/api/v1/repositories", body, cookie, null).statusCode()).isEqualTo(401);
    assertThat(postJson("/api/v1/repositories", body, cookie, "forged").statusCode())
        .isEqualTo(401);
    int withToken = postJson("/api/v1/repositories", body, cookie, csrf).statusCode();
    assertThat(withToken).isNotIn(401, 403);
  }

  @Test
  void tamperedOrRevokedSessionsAreRefused() throws Exception {
    String cookie = signIn();
    String tampered =
        cookie.substring(0, cookie.length() - 2) + (cookie.endsWith("A") ? "BB" : "AA");
    assertThat(get("/ui/portfolio", tampered).statusCode()).isEqualTo(302);
    jdbc.sql("UPDATE api_keys SET revoked_at = now()").update();
    assertThat(get("/ui/portfolio", cookie).statusCode()).isEqualTo(302);
    assertThat(get("/api/v1/repositories", cookie).statusCode()).isEqualTo(401);
  }

  @Test
  void signOutNeedsTheCsrfTokenAndExpiresTheCookie() throws Exception {
    String cookie = signIn();
    assertThat(post("/ui/logout", "", cookie, null).statusCode()).isEqualTo(403);
    var out = post("/ui/logout", "_csrf=" + csrfToken(cookie), cookie, null);
    assertThat(out.statusCode()).isEqualTo(302);
    assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
  }

  @Test
  void signInNeverRedirectsOffSite() throws Exception {
    var response =
        post("/ui/login", "apiKey=" + enc(key) + "&next=" + enc("//evil.example/ui/"), null, null);
    assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/ui/portfolio");
  }

  private String signIn() throws Exception {
    var response = post("/ui/login", "apiKey=" + enc(key) + "&next=/ui/portfolio", null, null);
    assertThat(response.statusCode()).isEqualTo(302);
    String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie)
        .startsWith("reviewer_session=")
        .contains("HttpOnly")
        .contains("SameSite=Strict")
        .doesNotContain("Secure"); // plain HTTP here; Secure is set when the request came over TLS
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  private String csrfToken(String cookie) throws Exception {
    var matcher =
        Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"")
            .matcher(get("/ui/portfolio", cookie).body());
    assertThat(matcher.find()).isTrue();
    return matcher.group(1);
  }

  private HttpResponse<String> get(String path, String cookie) throws Exception {
    var request = HttpRequest.newBuilder(uri(path)).GET();
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String form, String cookie, String csrf)
      throws Exception {
    var request =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    if (csrf != null) {
      request.header("X-CSRF-Token", csrf);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> postJson(String path, String json, String cookie, String csrf)
      throws Exception {
    var request =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .header("Cookie", cookie)
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (csrf != null) {
      request.header("X-CSRF-Token", csrf);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
