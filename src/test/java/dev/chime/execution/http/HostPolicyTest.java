package dev.chime.execution.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chime.ChimeException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostPolicyTest {

  /** A fake DNS: names map to addresses, IP literals resolve to themselves. */
  private static final Map<String, List<String>> DNS = new HashMap<>(Map.of(
      "metadata.internal", List.of("169.254.169.254"),
      "evil.com", List.of("93.184.216.34"),
      "orders.example.com", List.of("93.184.216.40"),
      "a.b.example.com", List.of("93.184.216.41"),
      "example.com", List.of("93.184.216.42"),
      "split.example.net", List.of("10.1.2.3", "93.184.216.43"),
      "internal.example.net", List.of("10.1.2.3", "10.200.0.1"),
      "v6.example.net", List.of("fd12:3456::1"),
      "linklocal.example.net", List.of("fe80::1")));

  private static InetAddress[] resolve(String host) throws UnknownHostException {
    List<String> addresses = DNS.getOrDefault(host.toLowerCase(), List.of(host));
    InetAddress[] resolved = new InetAddress[addresses.size()];
    for (int i = 0; i < resolved.length; i++) {
      String literal = addresses.get(i);
      if (!IpBlock.isIpLiteral(literal)) {
        throw new UnknownHostException(host);
      }
      resolved[i] = InetAddress.getByAddress(host, InetAddress.getByName(literal).getAddress());
    }
    return resolved;
  }

  private static HostPolicy policy(String... allowed) {
    return new HostPolicy(List.of(allowed), HostPolicyTest::resolve);
  }

  private static URI url(String host) {
    return URI.create("http://" + host + ":8080/path?x=1");
  }

  @Test
  void emptyListAllowsLoopbackWithRealDns() {
    HostPolicy open = new HostPolicy(List.of());

    assertThatCode(() -> open.check(URI.create("http://127.0.0.1:9/"))).doesNotThrowAnyException();
    assertThatCode(() -> open.check(URI.create("http://localhost:9/"))).doesNotThrowAnyException();
    assertThatCode(() -> open.check(URI.create("http://[::1]:9/"))).doesNotThrowAnyException();
  }

  @Test
  void metadataAddressRefusedByDefaultNamingHostAddressAndSetting() {
    assertThatThrownBy(() -> policy().check(url("metadata.internal")))
        .isInstanceOf(ChimeException.class)
        .hasMessage("http target host 'metadata.internal' resolves to 169.254.169.254, a cloud "
            + "metadata address; list it in chime.http-jobs.allowed-hosts to allow it");
    assertThatThrownBy(() -> policy().check(url("169.254.169.254")))
        .hasMessageContaining("cloud metadata address");
    assertThatThrownBy(() -> policy().check(url("100.100.100.200")))
        .hasMessageContaining("cloud metadata address");
    assertThatThrownBy(() -> policy().check(url("[fd00:ec2::254]")))
        .hasMessageContaining("cloud metadata address");
  }

  @Test
  void metadataAddressAllowedWhenListedByAddressNameOrBlock() throws Exception {
    policy("169.254.169.254").check(url("metadata.internal"));
    policy("metadata.internal").check(url("metadata.internal"));
    policy("169.254.0.0/16").check(url("169.254.169.254"));
    policy("fd00:ec2::/32").check(url("[fd00:ec2::254]"));
  }

  @Test
  void linkLocalRefusedUnlessListed() throws Exception {
    assertThatThrownBy(() -> policy().check(url("169.254.10.20")))
        .hasMessageContaining("'169.254.10.20' resolves to 169.254.10.20, a link-local address");
    assertThatThrownBy(() -> policy().check(url("linklocal.example.net")))
        .hasMessageContaining("a link-local address");
    assertThatThrownBy(() -> policy("10.0.0.0/8").check(url("linklocal.example.net")))
        .hasMessageContaining("a link-local address");

    policy("fe80::/10").check(url("linklocal.example.net"));
  }

  @Test
  void wildcardMatchesSubdomainsOnly() throws Exception {
    HostPolicy wildcard = policy("*.example.com");

    wildcard.check(url("orders.example.com"));
    wildcard.check(url("A.B.Example.COM"));
    assertThatThrownBy(() -> wildcard.check(url("example.com")))
        .hasMessageContaining("is not in chime.http-jobs.allowed-hosts [*.example.com]");
    assertThatThrownBy(() -> wildcard.check(url("evil.com"))).isInstanceOf(ChimeException.class);
  }

  @Test
  void exactNameIsCaseInsensitive() throws Exception {
    policy("Orders.Example.com").check(url("orders.example.COM"));
  }

  @Test
  void cidrV4RequiresEveryResolvedAddressInside() throws Exception {
    HostPolicy internal = policy("10.0.0.0/8");

    internal.check(url("internal.example.net"));
    internal.check(url("10.255.255.255"));
    assertThatThrownBy(() -> internal.check(url("11.0.0.1"))).isInstanceOf(ChimeException.class);
    assertThatThrownBy(() -> internal.check(url("split.example.net")))
        .hasMessage("http target host 'split.example.net' (93.184.216.43) is not in "
            + "chime.http-jobs.allowed-hosts [10.0.0.0/8]");
    policy("10.1.2.0/23").check(url("10.1.3.200"));
    assertThatThrownBy(() -> policy("10.1.2.0/23").check(url("10.1.4.1")))
        .isInstanceOf(ChimeException.class);
  }

  @Test
  void cidrV6Matches() throws Exception {
    HostPolicy v6 = policy("fd00::/8");

    v6.check(url("v6.example.net"));
    v6.check(url("[fdff:ffff::1]"));
    assertThatThrownBy(() -> v6.check(url("[fe00::1]"))).isInstanceOf(ChimeException.class);
    assertThatThrownBy(() -> v6.check(url("10.1.2.3"))).isInstanceOf(ChimeException.class);
    policy("fd12:3456::/33").check(url("v6.example.net"));
    policy("fd12:3456::1").check(url("v6.example.net"));
  }

  @Test
  void nonEmptyListRefusesUnlistedHostNamingTheList() {
    assertThatThrownBy(() -> policy("orders.example.com", "10.0.0.0/8").check(url("evil.com")))
        .isInstanceOf(ChimeException.class)
        .hasMessage("http target host 'evil.com' (93.184.216.34) is not in "
            + "chime.http-jobs.allowed-hosts [orders.example.com, 10.0.0.0/8]");
  }

  @Test
  void unknownHostPropagates() {
    assertThatThrownBy(() -> policy().check(url("no-such-host.invalid")))
        .isInstanceOf(UnknownHostException.class);
  }

  @Test
  void malformedEntriesAreRejected() {
    assertThatThrownBy(() -> policy("10.0.0.0/33")).hasMessageContaining("invalid prefix length");
    assertThatThrownBy(() -> policy("fd00::/x")).hasMessageContaining("invalid prefix length");
    assertThatThrownBy(() -> policy("a.*.example.com")).hasMessageContaining("not a valid wildcard");
  }

  @Test
  void blockMatchingIsBitwise() throws Exception {
    IpBlock block = IpBlock.parse("192.168.0.0/17");

    assertThat(block.contains(InetAddress.getByName("192.168.127.255"))).isTrue();
    assertThat(block.contains(InetAddress.getByName("192.168.128.0"))).isFalse();
    assertThat(IpBlock.parse("0.0.0.0/0").contains(InetAddress.getByName("8.8.8.8"))).isTrue();
    assertThat(IpBlock.parse("::/0").contains(InetAddress.getByName("8.8.8.8"))).isFalse();
  }
}
