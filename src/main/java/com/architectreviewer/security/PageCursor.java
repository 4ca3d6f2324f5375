package com.architectreviewer.security;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Keyset cursor for newest-first lists: the {@code (created_at, id)} of the last item of a page,
 * sent to clients as an opaque base64url token. {@link #parse} validates strictly and throws {@link
 * InvalidInput} (400, field {@code cursor}) for anything it did not produce. The cursor only
 * positions a query that is already scoped by the caller's tenant, so a forged one reveals nothing.
 */
public record PageCursor(Instant createdAt, UUID id) {

  private static final String VERSION = "v1";
  private static final int MAX_LENGTH = 200;

  public String encode() {
    long micros = createdAt.getEpochSecond() * 1_000_000L + createdAt.getNano() / 1_000;
    String raw = VERSION + ":" + micros + ":" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor in {@code token}, or null when the token is null or empty (the first page). */
  public static PageCursor parse(String token) {
    if (token == null || token.isEmpty()) {
      return null;
    }
    if (token.length() > MAX_LENGTH) {
      throw invalid();
    }
    try {
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      String[] parts = raw.split(":", -1);
      if (parts.length != 3 || !VERSION.equals(parts[0])) {
        throw invalid();
      }
      long micros = Long.parseLong(parts[1]);
      UUID id = UUID.fromString(parts[2]);
      if (micros < 0 || !id.toString().equals(parts[2])) {
        throw invalid();
      }
      return new PageCursor(
          Instant.ofEpochSecond(micros / 1_000_000L, (micros % 1_000_000L) * 1_000L), id);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  private static InvalidInput invalid() {
    return new InvalidInput("cursor", "is not a cursor returned by this API");
  }
}
