package com.architectreviewer.review;

/**
 * A repository URL was refused before any connection was made: wrong scheme, a host that resolves
 * to a loopback/private/link-local/metadata address, or a malformed URL. The message says why and
 * never contains credentials.
 */
public final class UrlRefused extends RuntimeException {

  public UrlRefused(String message) {
    super(message);
  }
}
