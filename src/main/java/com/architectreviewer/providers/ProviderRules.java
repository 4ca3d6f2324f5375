package com.architectreviewer.providers;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a catalogue entry may contain: names, environment variable names and base URLs. */
final class ProviderRules {

  static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
  static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
  static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,99}");

  private ProviderRules() {}

  /** Absolute http(s), a host, no user info, no query, no fragment. */
  static boolean wellFormedBaseUrl(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    return url.isAbsolute()
        && (scheme.equals("https") || scheme.equals("http"))
        && url.getHost() != null
        && url.getRawUserInfo() == null
        && url.getRawQuery() == null
        && url.getRawFragment() == null;
  }

  /**
   * Why an admin-supplied base URL is refused, or null when it is acceptable. Without {@code
   * allowPrivate} only https to hosts that resolve to public addresses passes: an admin key must
   * not turn the AI route into a way to reach the metadata service or the internal network.
   */
  static String baseUrlProblem(URI url, boolean allowPrivate) {
    if (!wellFormedBaseUrl(url)) {
      return "must be an absolute http(s) URL with a host and without credentials, query or fragment";
    }
    if (allowPrivate) {
      return null;
    }
    if (!"https".equalsIgnoreCase(url.getScheme())) {
      return "must use https";
    }
    try {
      for (InetAddress address : InetAddress.getAllByName(url.getHost())) {
        if (!isPublic(address)) {
          return "must not point to a loopback, private, link-local or metadata address";
        }
      }
    } catch (UnknownHostException e) {
      return "host does not resolve";
    }
    return null;
  }

  static boolean isPublic(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isAnyLocalAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return false;
    }
    byte[] bytes = address.getAddress();
    if (bytes.length == 4) {
      int first = bytes[0] & 0xff;
      int second = bytes[1] & 0xff;
      // 100.64.0.0/10 carrier-grade NAT, 0.0.0.0/8
      return first != 0 && !(first == 100 && second >= 64 && second < 128);
    }
    // fc00::/7 unique local addresses
    return (bytes[0] & 0xfe) != 0xfc;
  }
}
