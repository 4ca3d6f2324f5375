package com.architectreviewer.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ProviderRulesTest {

  @Test
  void acceptsHttpsToAPublicAddress() {
    assertThat(ProviderRules.baseUrlProblem(URI.create("https://93.184.216.34/v1"), false))
        .isNull();
  }

  @Test
  void refusesPlainHttpUnlessPrivateUrlsAreAllowed() {
    URI url = URI.create("http://93.184.216.34/v1");
    assertThat(ProviderRules.baseUrlProblem(url, false)).isEqualTo("must use https");
    assertThat(ProviderRules.baseUrlProblem(url, true)).isNull();
  }

  @Test
  void refusesLoopbackPrivateLinkLocalAndMetadataAddresses() {
    for (String host :
        new String[] {
          "127.0.0.1",
          "10.1.2.3",
          "192.168.0.10",
          "172.16.5.4",
          "169.254.169.254",
          "[::1]",
          "[fd00::1]",
          "100.64.0.1",
          "0.0.0.0"
        }) {
      assertThat(ProviderRules.baseUrlProblem(URI.create("https://" + host + "/v1"), false))
          .as(host)
          .contains("must not point to");
    }
  }

  @Test
  void refusesCredentialsQueriesFragmentsAndOtherSchemes() {
    for (String url :
        new String[] {
          "https://user:pw@93.184.216.34/v1",
          "https://93.184.216.34/v1?x=1",
          "https://93.184.216.34/v1#f",
          "file:///etc/passwd",
          "ftp://93.184.216.34/",
          "/relative"
        }) {
      assertThat(ProviderRules.baseUrlProblem(URI.create(url), true)).as(url).isNotNull();
    }
  }

  @Test
  void readsRetryAfterAsSecondsOrAsAnHttpDate() {
    var now = Instant.parse("2026-11-27T08:00:00Z");
    var http = new ProviderHttp(Duration.ofSeconds(1), Clock.fixed(now, ZoneOffset.UTC));

    assertThat(http.parseRetryAfter("7")).contains(Duration.ofSeconds(7));
    assertThat(http.parseRetryAfter("Fri, 27 Nov 2026 08:00:30 GMT"))
        .contains(Duration.ofSeconds(30));
    assertThat(http.parseRetryAfter("Fri, 27 Nov 2026 07:00:00 GMT")).contains(Duration.ZERO);
    assertThat(http.parseRetryAfter("soon")).isEmpty();
    assertThat(http.parseRetryAfter("-3")).isEmpty();
  }

  @Test
  void costIsPricedPerThousandTokens() {
    var provider =
        new Provider(
            "p",
            ApiStyle.OPENAI_CHAT,
            URI.create("https://x.example/v1"),
            "m",
            null,
            new java.math.BigDecimal("0.15"),
            new java.math.BigDecimal("0.60"),
            100,
            60,
            true,
            1);
    assertThat(provider.cost(2000, 500)).isEqualByComparingTo("0.6");
  }
}
