package com.architectreviewer.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseCookie;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Stateless browser sessions for the web UI: after a sign-in with an API key, a cookie carries the
 * key's id and an expiry, signed with HMAC-SHA256. Any instance can check it (the signing secret is
 * shared through the database or {@code REVIEWER_SESSION_SECRET}); every request re-checks that the
 * key is not revoked. The cookie is HttpOnly, SameSite=Strict and Secure when the request came over
 * TLS. Forms and API calls from the page carry a CSRF token derived from the cookie.
 */
@Component
public class BrowserSessions {

  public static final String COOKIE = "reviewer_session";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  public static final String CSRF_FIELD = "_csrf";
  static final Duration LIFETIME = Duration.ofHours(12);

  private static final String LOAD_SECRET =
      "SELECT secret FROM browser_session_secret WHERE id = 1";
  private static final String STORE_SECRET =
      "INSERT INTO browser_session_secret (id, secret) VALUES (1, :secret) ON CONFLICT (id) DO NOTHING";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final ApiKeys apiKeys;
  private final Clock clock;
  private final Supplier<byte[]> secret;

  BrowserSessions(
      ApiKeys apiKeys,
      JdbcClient jdbc,
      @Value("${REVIEWER_SESSION_SECRET:}") String configuredSecret) {
    this.apiKeys = apiKeys;
    this.clock = Clock.systemUTC();
    this.secret = SingletonSupplier.of(() -> secret(jdbc, configuredSecret));
  }

  /** Signs the caller in: sets the session cookie. */
  public void start(Caller caller, HttpServletRequest request, HttpServletResponse response) {
    long expires = clock.instant().plus(LIFETIME).getEpochSecond();
    String payload = caller.keyId() + ":" + expires;
    String value =
        B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + sign(payload);
    response.addHeader("Set-Cookie", cookie(value, LIFETIME, request.isSecure()).toString());
  }

  /** Signs out: expires the cookie. */
  public void end(HttpServletRequest request, HttpServletResponse response) {
    response.addHeader("Set-Cookie", cookie("", Duration.ZERO, request.isSecure()).toString());
  }

  /** The caller of a valid, unexpired session whose key is still active. */
  public Optional<Caller> caller(HttpServletRequest request) {
    return cookieValue(request).flatMap(this::verify).flatMap(apiKeys::findActive);
  }

  /** The CSRF token that pages of this session must send back with unsafe requests. */
  public Optional<String> csrfToken(HttpServletRequest request) {
    return cookieValue(request).map(value -> sign("csrf:" + value));
  }

  /** Whether an unsafe request carries this session's CSRF token (header or form field). */
  public boolean csrfValid(HttpServletRequest request) {
    String presented = request.getHeader(CSRF_HEADER);
    if (presented == null) {
      presented = request.getParameter(CSRF_FIELD);
    }
    Optional<String> expected = csrfToken(request);
    return presented != null
        && expected.isPresent()
        && MessageDigest.isEqual(
            presented.getBytes(StandardCharsets.UTF_8),
            expected.get().getBytes(StandardCharsets.UTF_8));
  }

  /** Makes the session's caller the request's caller, as the API key filter does. */
  public static void bind(HttpServletRequest request, Caller caller) {
    request.setAttribute(ApiKeyAuthenticationFilter.CALLER_ATTRIBUTE, caller);
  }

  private Optional<UUID> verify(String value) {
    int dot = value.indexOf('.');
    if (dot < 0 || value.length() > 300) {
      return Optional.empty();
    }
    try {
      String payload = new String(B64D.decode(value.substring(0, dot)), StandardCharsets.UTF_8);
      byte[] expected = sign(payload).getBytes(StandardCharsets.UTF_8);
      byte[] presented = value.substring(dot + 1).getBytes(StandardCharsets.UTF_8);
      if (!MessageDigest.isEqual(expected, presented)) {
        return Optional.empty();
      }
      int colon = payload.indexOf(':');
      long expires = Long.parseLong(payload.substring(colon + 1));
      if (clock.instant().getEpochSecond() >= expires) {
        return Optional.empty();
      }
      return Optional.of(UUID.fromString(payload.substring(0, colon)));
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> cookieValue(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    for (Cookie cookie : cookies) {
      if (COOKIE.equals(cookie.getName()) && !cookie.getValue().isBlank()) {
        return Optional.of(cookie.getValue());
      }
    }
    return Optional.empty();
  }

  private static ResponseCookie cookie(String value, Duration maxAge, boolean secure) {
    return ResponseCookie.from(COOKIE, value)
        .httpOnly(true)
        .secure(secure)
        .sameSite("Strict")
        .path("/")
        .maxAge(maxAge)
        .build();
  }

  private String sign(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.get(), "HmacSHA256"));
      return B64.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static byte[] secret(JdbcClient jdbc, String configured) {
    if (configured != null && !configured.isBlank()) {
      if (configured.length() < 32) {
        throw new IllegalStateException(
            "REVIEWER_SESSION_SECRET must be at least 32 characters; generate one with 'openssl rand -hex 32'");
      }
      return configured.getBytes(StandardCharsets.UTF_8);
    }
    byte[] generated = new byte[32];
    new SecureRandom().nextBytes(generated);
    jdbc.sql(STORE_SECRET).param("secret", generated).update();
    return jdbc.sql(LOAD_SECRET).query(byte[].class).single();
  }
}
