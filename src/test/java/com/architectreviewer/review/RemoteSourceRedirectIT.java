package com.architectreviewer.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.architectreviewer.testsupport.GitHttpServer;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SSRF through redirects: a git host the guard accepts answers the clone with a redirect to a
 * loopback, private or metadata address. JGit follows redirects itself, so the guard must see every
 * hop. The host in front is 127.0.0.1, which this test's resolver presents as a public address
 * (203.0.113.10); every other name resolves for real. Behind it, real git ({@code git
 * http-backend}) serves the repository, reachable as {@code localhost}.
 */
class RemoteSourceRedirectIT {

  private static final UrlGuard.Resolver FRONT_IS_PUBLIC =
      host ->
          host.equals("127.0.0.1")
              ? new InetAddress[] {
                InetAddress.getByAddress("git.example.test", new byte[] {(byte) 203, 0, 113, 10})
              }
              : InetAddress.getAllByName(host);

  @TempDir Path repositories;
  private GitHttpServer git;
  private HttpServer front;
  private volatile String redirectTo;
  private final AtomicInteger redirects = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    git = GitHttpServer.start(repositories);
    git.createRepository("app", Path.of("src/test/resources/fixtures/db-001-app-router"));
    front = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    // /front/<rest> -> 301 to <redirectTo>/<rest>, query kept: how a moved repository answers.
    front.createContext(
        "/front/",
        exchange -> {
          redirects.incrementAndGet();
          var uri = exchange.getRequestURI();
          String rest = uri.getRawPath().substring("/front/".length());
          String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
          exchange.getResponseHeaders().set("Location", redirectTo + rest + query);
          exchange.sendResponseHeaders(301, -1);
          exchange.close();
        });
    front.start();
  }

  @AfterEach
  void stop() {
    front.stop(0);
    git.close();
  }

  private String frontUrl() {
    return "http://127.0.0.1:" + front.getAddress().getPort() + "/front/app";
  }

  private String gitBase(String host) {
    String direct = git.url("app");
    return direct.substring(0, direct.length() - "app".length()).replace("127.0.0.1", host);
  }

  private RemoteSource source(boolean allowPrivateHosts) {
    return new RemoteSource(
        new UrlGuard(new UrlGuard.Policy(true, allowPrivateHosts), FRONT_IS_PUBLIC),
        RemoteSource.Limits.defaults());
  }

  @Test
  void aRedirectToAnAcceptedHostIsFollowed() {
    redirectTo = gitBase("127.0.0.1");
    try (var checkout = source(false).fetch(frontUrl())) {
      assertThat(checkout.dir().resolve("src/app/api/login/route.ts")).exists();
    }
    assertThat(redirects).hasPositiveValue();
  }

  @Test
  void aRedirectToLoopbackIsRefusedBeforeTheTargetIsContacted() {
    redirectTo = gitBase("localhost");
    // Without the check the redirect reaches the loopback service and the clone succeeds.
    try (var checkout = source(true).fetch(frontUrl())) {
      assertThat(checkout.dir().resolve("src/app/api/login/route.ts")).exists();
    }
    int reached = git.requests();
    assertThat(reached).isPositive();

    for (String ref : new String[] {null, "main"}) {
      assertThatThrownBy(() -> source(false).fetch(frontUrl(), ref))
          .isInstanceOf(UrlRefused.class)
          .hasMessageContaining("redirected to http://localhost:")
          .hasMessageContaining("local or cloud-metadata name");
    }
    assertThat(git.requests()).as("the loopback service was never contacted").isEqualTo(reached);
  }

  @Test
  void redirectsToMetadataAndPrivateAddressesAreRefused() {
    redirectTo = "http://169.254.169.254/latest/meta-data/";
    assertThatThrownBy(() -> source(false).fetch(frontUrl()))
        .isInstanceOf(UrlRefused.class)
        .hasMessageContaining("redirected to http://169.254.169.254/")
        .hasMessageContaining("cloud metadata");

    redirectTo = "http://10.1.2.3/git/";
    assertThatThrownBy(() -> source(false).fetch(frontUrl()))
        .isInstanceOf(UrlRefused.class)
        .hasMessageContaining("redirected to http://10.1.2.3/")
        .hasMessageContaining("private network");
  }
}
