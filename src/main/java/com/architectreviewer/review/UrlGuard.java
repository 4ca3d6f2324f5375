package com.architectreviewer.review;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Validates repository URLs before anything connects to them (SSRF protection). By default only
 * {@code https} is accepted, and the host is resolved first: every address must be public — no
 * loopback, private (RFC 1918, IPv6 ULA), link-local, CGNAT (100.64/10), multicast, unspecified,
 * reserved, or cloud-metadata address ({@code 169.254.169.254}, {@code fd00:ec2::254}, {@code
 * metadata.google.internal}); IPv4-mapped, IPv4-compatible, 6to4 and NAT64 IPv6 forms are checked
 * by the IPv4 address they carry. Both checks can be relaxed explicitly for trusted setups.
 *
 * <p>The API reuses it to validate repository URLs at registration; the engine checks again before
 * cloning.
 */
public final class UrlGuard {

  /** Resolves host names; the default uses the system resolver. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  /**
   * What to allow beyond the defaults.
   *
   * @param allowInsecure accept {@code http}, {@code git}, {@code ssh} and {@code file} URLs
   * @param allowPrivateHosts accept hosts that resolve to non-public addresses
   */
  public record Policy(boolean allowInsecure, boolean allowPrivateHosts) {
    /** https only, public hosts only. */
    public static Policy strict() {
      return new Policy(false, false);
    }
  }

  /**
   * An accepted URL.
   *
   * @param uri the parsed URL
   * @param display the URL without credentials, safe to log and show
   * @param addresses the addresses the host resolved to (empty for {@code file} URLs)
   */
  public record Accepted(URI uri, String display, List<InetAddress> addresses) {}

  private static final Set<String> SECURE = Set.of("https");
  private static final Set<String> INSECURE = Set.of("http", "git", "ssh", "file");
  private static final Set<String> BLOCKED_NAMES =
      Set.of("localhost", "metadata.google.internal", "metadata", "instance-data");

  private final Policy policy;
  private final Resolver resolver;

  public UrlGuard(Policy policy) {
    this(policy, InetAddress::getAllByName);
  }

  public UrlGuard(Policy policy, Resolver resolver) {
    this.policy = policy;
    this.resolver = resolver;
  }

  /** True when {@code text} looks like a URL rather than a local path. */
  public static boolean looksLikeUrl(String text) {
    return text.contains("://") || text.matches("[\\w.-]+@[\\w.-]+:.*");
  }

  /**
   * Checks {@code url}.
   *
   * @throws UrlRefused saying why
   */
  public Accepted check(String url) {
    if (url == null || url.isBlank()) {
      throw new UrlRefused("empty repository URL");
    }
    if (url.matches("[\\w.-]+@[\\w.-]+:.*") && !url.contains("://")) {
      throw refusedScheme("ssh (scp-like)");
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new UrlRefused("malformed repository URL: " + e.getReason());
    }
    var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    var display = display(uri);
    if (!SECURE.contains(scheme)) {
      if (!INSECURE.contains(scheme)) {
        throw new UrlRefused("unsupported URL scheme '" + scheme + "' in " + display);
      }
      if (!policy.allowInsecure()) {
        throw refusedScheme(scheme);
      }
    }
    if (scheme.equals("file")) {
      return new Accepted(uri, display, List.of());
    }
    var host = uri.getHost();
    if (host == null || host.isBlank()) {
      throw new UrlRefused("repository URL has no host: " + display);
    }
    host = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    var lower = host.toLowerCase(Locale.ROOT);
    if (!policy.allowPrivateHosts()
        && (BLOCKED_NAMES.contains(lower)
            || lower.endsWith(".localhost")
            || lower.endsWith(".internal"))) {
      throw new UrlRefused(
          "host "
              + host
              + " is a local or cloud-metadata name; refused (--allow-private-hosts to allow)");
    }
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      throw new UrlRefused("host " + host + " does not resolve");
    }
    if (addresses.length == 0) {
      throw new UrlRefused("host " + host + " does not resolve");
    }
    if (!policy.allowPrivateHosts()) {
      for (var address : addresses) {
        var reason = nonPublic(address);
        if (reason != null) {
          throw new UrlRefused(
              "host "
                  + host
                  + " resolves to "
                  + address.getHostAddress()
                  + " ("
                  + reason
                  + "); refused (--allow-private-hosts to allow)");
        }
      }
    }
    return new Accepted(uri, display, List.of(addresses));
  }

  private static UrlRefused refusedScheme(String scheme) {
    return new UrlRefused(
        "only https repository URLs are accepted, not "
            + scheme
            + " (--allow-insecure-git to allow)");
  }

  /** The URL without user info (tokens, passwords). */
  public static String display(URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri.toString();
    }
    try {
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null)
          .toString();
    } catch (URISyntaxException e) {
      return uri.getScheme() + "://" + uri.getHost();
    }
  }

  /** Why {@code address} is not a public unicast address, or null when it is. */
  static String nonPublic(InetAddress address) {
    if (address instanceof Inet6Address v6) {
      var embedded = embeddedIpv4(v6.getAddress());
      if (embedded != null) {
        var reason = nonPublic(embedded);
        return reason == null ? null : reason + " inside an IPv6 address";
      }
    }
    if (address.isLoopbackAddress()) {
      return "loopback";
    }
    if (address.isAnyLocalAddress()) {
      return "unspecified address";
    }
    if (address.isLinkLocalAddress()) {
      return address.getHostAddress().startsWith("169.254.169.254")
          ? "cloud metadata"
          : "link-local";
    }
    if (address.isMulticastAddress()) {
      return "multicast";
    }
    if (address.isSiteLocalAddress()) {
      return "private network";
    }
    var b = address.getAddress();
    if (address instanceof Inet4Address) {
      int a0 = b[0] & 0xff;
      int a1 = b[1] & 0xff;
      if (a0 == 100 && a1 >= 64 && a1 <= 127) {
        return "carrier-grade NAT";
      }
      if (a0 == 0 || a0 >= 240 || (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0)) {
        return "reserved";
      }
      if (a0 == 198 && (a1 == 18 || a1 == 19)) {
        return "benchmarking network";
      }
      return null;
    }
    if ((b[0] & 0xfe) == 0xfc) {
      return (b[0] & 0xff) == 0xfd
              && (b[1] & 0xff) == 0x00
              && (b[2] & 0xff) == 0x0e
              && (b[3] & 0xff) == 0xc2
          ? "cloud metadata"
          : "unique local (private) IPv6";
    }
    if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
      return "site-local IPv6";
    }
    return null;
  }

  /** The IPv4 address carried by a mapped, compatible, 6to4 or NAT64 IPv6 address. */
  private static InetAddress embeddedIpv4(byte[] b) {
    boolean zeros80 = true;
    for (int i = 0; i < 10; i++) {
      zeros80 &= b[i] == 0;
    }
    try {
      if (zeros80
          && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
        if (b[10] == 0 && b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] == 0 || b[15] == 1)) {
          return null; // :: and ::1 are handled as IPv6
        }
        return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
      }
      if (b[0] == 0x20 && b[1] == 0x02) { // 6to4 2002:AABB:CCDD::
        return InetAddress.getByAddress(new byte[] {b[2], b[3], b[4], b[5]});
      }
      if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b) { // 64:ff9b::/96
        return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
      }
    } catch (UnknownHostException e) {
      return null;
    }
    return null;
  }
}
