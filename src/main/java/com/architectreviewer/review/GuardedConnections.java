package com.architectreviewer.review;

import java.io.IOException;
import java.net.Proxy;
import java.net.URL;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;
import org.eclipse.jgit.transport.http.HttpConnectionFactory2;

/**
 * JGit's HTTP connections, each checked by the {@link UrlGuard} before it is opened. JGit follows
 * redirects itself (a new connection per hop), so a public git host that redirects to a loopback,
 * private or metadata address is refused at the hop, not only at the URL the user gave.
 */
final class GuardedConnections implements HttpConnectionFactory2 {

  /** A hop the guard refused; the clone fails with it (never retried). */
  static final class RedirectRefused extends IOException {
    private final String target;

    RedirectRefused(String target, UrlRefused refusal) {
      super("refused to connect to " + target + ": " + refusal.getMessage());
      this.target = target;
    }

    /** Where the connection would have gone, without credentials. */
    String target() {
      return target;
    }
  }

  private final UrlGuard guard;
  private final HttpConnectionFactory delegate;

  private GuardedConnections(UrlGuard guard, HttpConnectionFactory delegate) {
    this.guard = guard;
    this.delegate = delegate;
  }

  /** Installs the check on every HTTP transport a JGit command opens. */
  static TransportConfigCallback on(UrlGuard guard) {
    return transport -> {
      if (transport instanceof TransportHttp http) {
        http.setHttpConnectionFactory(
            new GuardedConnections(guard, http.getHttpConnectionFactory()));
      }
    };
  }

  @Override
  public HttpConnection create(URL url) throws IOException {
    check(url);
    return delegate.create(url);
  }

  @Override
  public HttpConnection create(URL url, Proxy proxy) throws IOException {
    check(url);
    return delegate.create(url, proxy);
  }

  @Override
  public GitSession newSession() {
    if (delegate instanceof HttpConnectionFactory2 sessions) {
      return sessions.newSession();
    }
    return new GitSession() {
      @Override
      public HttpConnection configure(HttpConnection connection, boolean sslVerify) {
        return connection;
      }

      @Override
      public void close() {}
    };
  }

  private void check(URL url) throws RedirectRefused {
    try {
      guard.check(url.toString());
    } catch (UrlRefused e) {
      String display;
      try {
        display = UrlGuard.display(url.toURI());
      } catch (java.net.URISyntaxException malformed) {
        display = url.getProtocol() + "://" + url.getHost();
      }
      var refused = new RedirectRefused(display, e);
      refused.initCause(e);
      throw refused;
    }
  }
}
