package com.architectreviewer.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.architectreviewer.scan.SourcesProperties;
import com.architectreviewer.security.InvalidInput;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepositorySourcesTest {

  /** Name resolution pinned per host, so the test needs no DNS (the external boundary). */
  static final Map<String, List<String>> HOSTS =
      Map.of(
          "github.com", List.of("140.82.121.4"),
          "rebind.example", List.of("140.82.121.4", "10.0.0.7"),
          "metadata.example", List.of("169.254.169.254"));

  static InetAddress[] resolve(String host) throws UnknownHostException {
    var addresses = HOSTS.get(host);
    if (addresses == null) {
      throw new UnknownHostException(host);
    }
    var resolved = new InetAddress[addresses.size()];
    for (int i = 0; i < resolved.length; i++) {
      resolved[i] = InetAddress.getByName(addresses.get(i));
    }
    return resolved;
  }

  final RepositorySources strict =
      new RepositorySources(
          new SourcesProperties(List.of(), false, false), RepositorySourcesTest::resolve);

  @Test
  void acceptsAnHttpsUrlOfAPublicHost() {
    assertThat(strict.checkUrl("https://github.com/acme/../acme/app.git"))
        .isEqualTo("https://github.com/acme/app.git");
  }

  @Test
  void refusesAHostWithAnyNonPublicAddressWithoutNamingTheAddress() {
    assertThatThrownBy(() -> strict.checkUrl("https://rebind.example/app.git"))
        .isInstanceOfSatisfying(
            InvalidInput.class,
            e -> {
              assertThat(e.errors().getFirst().field()).isEqualTo("url");
              assertThat(e.errors().getFirst().message())
                  .contains("non-public address")
                  .doesNotContain("10.0.0.7")
                  .doesNotContain("--allow");
            });
    assertThatThrownBy(() -> strict.checkUrl("https://metadata.example/"))
        .isInstanceOf(InvalidInput.class);
    assertThatThrownBy(() -> strict.checkUrl("https://unknown.example/"))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("url");
  }

  @Test
  void refusesCredentialsAndOtherSchemesEvenWhenInsecureUrlsAreAllowed() {
    var lenient =
        new RepositorySources(
            new SourcesProperties(List.of(), true, true), RepositorySourcesTest::resolve);

    assertThat(lenient.checkUrl("http://github.com/a/b.git"))
        .isEqualTo("http://github.com/a/b.git");
    for (String url :
        List.of(
            "file:///etc/passwd",
            "ssh://git@github.com/a/b.git",
            "git://github.com/a/b.git",
            "https://token@github.com/a/b.git")) {
      assertThatThrownBy(() -> lenient.checkUrl(url)).as(url).isInstanceOf(InvalidInput.class);
    }
  }

  @Test
  void operatorsMayAllowPrivateHosts() {
    var lenient =
        new RepositorySources(
            new SourcesProperties(List.of(), true, false), RepositorySourcesTest::resolve);

    assertThat(lenient.checkUrl("https://rebind.example/app.git"))
        .isEqualTo("https://rebind.example/app.git");
  }
}
