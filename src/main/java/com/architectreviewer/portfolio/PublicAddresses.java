package com.architectreviewer.portfolio;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which resolved addresses a registered git URL may point at. Interim: to be replaced by the review
 * engine's {@code UrlGuard} once it is on main, so the platform has one SSRF policy.
 */
final class PublicAddresses {

  private PublicAddresses() {}

  static boolean isPublic(InetAddress address) {
    if (address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return false;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first != 0
          && !(first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
          && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
          && !(first == 198 && (second == 18 || second == 19)) // benchmarking
          && first < 224; // multicast and reserved
    }
    if (address instanceof Inet6Address v6) {
      int first = b[0] & 0xff;
      if ((first & 0xfe) == 0xfc) { // unique local fc00::/7 (incl. fd00:ec2::254 metadata)
        return false;
      }
      if (isIpv4Mapped(b) || v6.isIPv4CompatibleAddress()) {
        byte[] v4 = {b[12], b[13], b[14], b[15]};
        try {
          return isPublic(InetAddress.getByAddress(v4));
        } catch (java.net.UnknownHostException e) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private static boolean isIpv4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }
}
