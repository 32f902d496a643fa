package dev.chime.execution.http;

import dev.chime.ChimeException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which hosts {@code http} jobs may call: {@code chime.http-jobs.allowed-hosts}.
 *
 * <p>Entries are host names (exact, case-insensitive), wildcards {@code *.example.com} (subdomains
 * only, not {@code example.com} itself), IP literals, or CIDR blocks ({@code 10.0.0.0/8}, {@code
 * fd00::/8}). The target host is resolved and <em>every</em> address it resolves to is checked:
 *
 * <ul>
 *   <li>Link-local addresses ({@code 169.254.0.0/16}, {@code fe80::/10}) and cloud metadata
 *       addresses ({@code 169.254.169.254}, {@code fd00:ec2::254}, {@code 100.100.100.200}) are
 *       always refused, unless the host name, that exact address, or a block containing it is
 *       listed.
 *   <li>An empty list allows any other host.
 *   <li>A non-empty list allows a host whose name matches an entry, or whose resolved addresses
 *       all fall in listed addresses or blocks.
 * </ul>
 *
 * <p>The check runs before connecting, and the JDK HTTP client resolves the name again when it
 * connects. A DNS answer that changes between the two (DNS rebinding) can still reach an address
 * this check did not see: the allow-list narrows that window (only names you list, or only
 * addresses in blocks you list) but cannot close it. Listing IP blocks rather than names is the
 * tighter form.
 */
public final class HostPolicy {

  static final String SETTING = "chime.http-jobs.allowed-hosts";

  private static final List<IpBlock> METADATA = List.of(
      IpBlock.parse("169.254.169.254"), IpBlock.parse("fd00:ec2::254"),
      IpBlock.parse("100.100.100.200"));
  private static final List<IpBlock> LINK_LOCAL =
      List.of(IpBlock.parse("169.254.0.0/16"), IpBlock.parse("fe80::/10"));

  /** Name resolution; tests substitute a fake DNS. */
  @FunctionalInterface
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final Resolver resolver;
  private final List<String> entries;
  private final Set<String> names = new HashSet<>();
  private final List<String> wildcardSuffixes = new ArrayList<>();
  private final List<IpBlock> blocks = new ArrayList<>();

  /**
   * @param allowedHosts host names, {@code *.domain} wildcards, IP literals and CIDR blocks; empty
   *     allows any host except link-local and metadata addresses
   * @throws ChimeException if an entry is a malformed wildcard or CIDR block
   */
  public HostPolicy(List<String> allowedHosts) {
    this(allowedHosts, InetAddress::getAllByName);
  }

  HostPolicy(List<String> allowedHosts, Resolver resolver) {
    this.resolver = resolver;
    entries = List.copyOf(allowedHosts);
    for (String raw : entries) {
      String entry = raw.strip().toLowerCase(Locale.ROOT);
      if (entry.startsWith("*.") && entry.length() > 2) {
        wildcardSuffixes.add(entry.substring(1));
      } else if (entry.contains("*")) {
        throw new ChimeException("'" + raw + "' in " + SETTING
            + " is not a valid wildcard; only a leading '*.' is supported, as in *.example.com");
      } else if (IpBlock.looksLikeIp(entry) || entry.contains("/")) {
        blocks.add(IpBlock.parse(entry));
      } else {
        names.add(stripTrailingDot(entry));
      }
    }
  }

  /**
   * Refuses {@code uri} when its host is not allowed; see the class comment for the rules.
   *
   * @throws ChimeException naming the host, the address and the rule when refused
   * @throws UnknownHostException when the host does not resolve
   */
  public void check(URI uri) throws UnknownHostException {
    String host = hostOf(uri);
    InetAddress[] addresses = resolver.resolve(host);
    boolean nameListed = nameListed(host);
    for (InetAddress address : addresses) {
      if (!nameListed && !inListedBlock(address)) {
        refuseSpecial(host, address);
      }
    }
    if (entries.isEmpty() || nameListed) {
      return;
    }
    for (InetAddress address : addresses) {
      if (!inListedBlock(address)) {
        throw new ChimeException("http target host '" + host + "' (" + address.getHostAddress()
            + ") is not in " + SETTING + " " + entries);
      }
    }
  }

  private static String hostOf(URI uri) {
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new ChimeException("http target URL '" + uri + "' has no host");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return host;
  }

  private boolean nameListed(String host) {
    String name = stripTrailingDot(host.toLowerCase(Locale.ROOT));
    if (names.contains(name)) {
      return true;
    }
    return wildcardSuffixes.stream()
        .anyMatch(suffix -> name.endsWith(suffix) && name.length() > suffix.length());
  }

  private boolean inListedBlock(InetAddress address) {
    return blocks.stream().anyMatch(block -> block.contains(address));
  }

  private static void refuseSpecial(String host, InetAddress address) {
    String kind;
    if (METADATA.stream().anyMatch(block -> block.contains(address))) {
      kind = "a cloud metadata address";
    } else if (LINK_LOCAL.stream().anyMatch(block -> block.contains(address))) {
      kind = "a link-local address";
    } else {
      return;
    }
    throw new ChimeException("http target host '" + host + "' resolves to "
        + address.getHostAddress() + ", " + kind + "; list it in " + SETTING + " to allow it");
  }

  private static String stripTrailingDot(String name) {
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  @Override
  public String toString() {
    return SETTING + " " + entries;
  }
}
