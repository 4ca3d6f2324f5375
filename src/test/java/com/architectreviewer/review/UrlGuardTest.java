package com.architectreviewer.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrlGuardTest {

  private final UrlGuard strict = new UrlGuard(UrlGuard.Policy.strict());

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://127.0.0.1/repo.git",
        "https://127.1.2.3/repo.git",
        "https://10.0.0.8/repo.git",
        "https://172.16.5.4/repo.git",
        "https://192.168.1.1/repo.git",
        "https://169.254.169.254/latest/meta-data",
        "https://100.64.0.1/repo.git",
        "https://0.0.0.0/repo.git",
        "https://224.0.0.1/repo.git",
        "https://[::1]/repo.git",
        "https://[fd00:ec2::254]/latest",
        "https://[fc00::1]/repo.git",
        "https://[fe80::1]/repo.git",
        "https://[::ffff:127.0.0.1]/repo.git",
        "https://[::ffff:a9fe:a9fe]/latest",
        "https://[64:ff9b::a00:1]/repo.git",
        "https://[2002:c0a8:0101::1]/repo.git",
        "https://localhost/repo.git",
        "https://metadata.google.internal/computeMetadata/v1/",
        "https://git.localhost/repo.git"
      })
  void refusesNonPublicHosts(String url) {
    assertThatThrownBy(() -> strict.check(url))
        .isInstanceOf(UrlRefused.class)
        .hasMessageContaining("refused");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://github.com/a/b.git",
        "git://github.com/a/b.git",
        "ssh://git@github.com/a/b.git",
        "git@github.com:a/b.git",
        "file:///tmp/repo"
      })
  void refusesInsecureSchemesByDefault(String url) {
    assertThatThrownBy(() -> strict.check(url))
        .isInstanceOf(UrlRefused.class)
        .hasMessageContaining("only https");
  }

  @Test
  void refusesHostsWhoseNameResolvesToAPrivateAddress() throws Exception {
    var guard =
        new UrlGuard(
            UrlGuard.Policy.strict(),
            host ->
                new InetAddress[] {
                  InetAddress.getByName("140.82.112.3"), InetAddress.getByName("10.1.2.3")
                });
    assertThatThrownBy(() -> guard.check("https://git.example.com/a/b.git"))
        .isInstanceOf(UrlRefused.class)
        .hasMessageContaining("10.1.2.3")
        .hasMessageContaining("private network");
  }

  @Test
  void acceptsPublicHttpsAndStripsCredentialsFromTheDisplay() {
    var accepted = strict.check("https://user:s3cr3t-token@140.82.112.3/acme/shop.git");
    assertThat(accepted.display()).isEqualTo("https://140.82.112.3/acme/shop.git");
    assertThat(accepted.display()).doesNotContain("s3cr3t");
  }

  @Test
  void relaxesOnlyWhatThePolicyAllows() {
    var privateOk = new UrlGuard(new UrlGuard.Policy(false, true));
    assertThat(privateOk.check("https://127.0.0.1/repo.git").addresses()).hasSize(1);
    assertThatThrownBy(() -> privateOk.check("http://127.0.0.1/repo.git"))
        .isInstanceOf(UrlRefused.class);
    var insecureOk = new UrlGuard(new UrlGuard.Policy(true, false));
    assertThat(insecureOk.check("file:///tmp/repo").display()).isEqualTo("file:///tmp/repo");
    assertThatThrownBy(() -> insecureOk.check("http://127.0.0.1/repo.git"))
        .isInstanceOf(UrlRefused.class);
  }

  @Test
  void refusesMalformedAndEmptyUrls() {
    assertThatThrownBy(() -> strict.check("")).isInstanceOf(UrlRefused.class);
    assertThatThrownBy(() -> strict.check("https://exa mple.com/x")).isInstanceOf(UrlRefused.class);
    assertThatThrownBy(() -> strict.check("ftp://example.com/x"))
        .isInstanceOf(UrlRefused.class)
        .hasMessageContaining("unsupported");
  }
}
