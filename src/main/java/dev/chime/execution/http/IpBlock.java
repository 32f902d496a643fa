package dev.chime.execution.http;

import dev.chime.ChimeException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address block ({@code 10.0.0.0/8}, {@code fd00::/8}); a plain address is a block
 * of one. Matching compares the first {@code prefix} bits of {@link InetAddress#getAddress()}; an
 * IPv4 block never matches an IPv6 address and vice versa (the JDK already turns IPv4-mapped IPv6
 * literals such as {@code ::ffff:10.1.2.3} into IPv4 addresses).
 */
record IpBlock(byte[] network, int prefix, String text) {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  /** Whether {@code text} is an IPv4 or IPv6 literal (so parsing it never touches DNS). */
  static boolean isIpLiteral(String text) {
    return IPV4.matcher(text).matches() || (text.contains(":") && text.matches("[0-9A-Fa-f:.%]+"));
  }

  /** Whether {@code entry} looks like an IP literal or a CIDR block rather than a host name. */
  static boolean looksLikeIp(String entry) {
    int slash = entry.indexOf('/');
    return isIpLiteral(slash < 0 ? entry : entry.substring(0, slash));
  }

  /** Parses {@code 10.0.0.0/8}, {@code fd00::/8} or a single address. */
  static IpBlock parse(String entry) {
    int slash = entry.indexOf('/');
    String literal = slash < 0 ? entry : entry.substring(0, slash);
    if (!isIpLiteral(literal)) {
      throw new ChimeException("'" + entry + "' is not an IP address or CIDR block");
    }
    byte[] address;
    try {
      address = InetAddress.getByName(literal).getAddress();
    } catch (UnknownHostException e) {
      throw new ChimeException("'" + entry + "' is not a valid IP address", e);
    }
    int bits = address.length * 8;
    int prefix = slash < 0 ? bits : parsePrefix(entry, entry.substring(slash + 1), bits);
    return new IpBlock(address, prefix, entry);
  }

  private static int parsePrefix(String entry, String text, int bits) {
    try {
      int prefix = Integer.parseInt(text);
      if (prefix >= 0 && prefix <= bits) {
        return prefix;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ChimeException(
        "'" + entry + "' has an invalid prefix length; expected a number from 0 to " + bits);
  }

  /** Whether {@code address} lies inside this block. */
  boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    if (candidate.length != network.length) {
      return false;
    }
    int fullBytes = prefix / 8;
    for (int i = 0; i < fullBytes; i++) {
      if (candidate[i] != network[i]) {
        return false;
      }
    }
    int remainingBits = prefix % 8;
    if (remainingBits == 0) {
      return true;
    }
    int mask = (0xFF << (8 - remainingBits)) & 0xFF;
    return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
  }

  @Override
  public String toString() {
    return text;
  }
}
