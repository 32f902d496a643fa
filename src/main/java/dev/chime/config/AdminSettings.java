package dev.chime.config;

import java.util.List;

/**
 * {@code chime.admin}: the listener for /api/v1. With {@code auth = token} every call needs a bearer
 * token from {@code tokens}; with no token configured the listener does not start. {@code auth =
 * none} (for a laptop) serves without auth, on loopback only.
 */
public record AdminSettings(String host, int port, boolean authRequired, List<ApiToken> tokens) {

  public AdminSettings {
    tokens = List.copyOf(tokens);
  }

  /** A named API token: its secret comes from an environment variable or a file. */
  public record ApiToken(String name, Role role, SecretRef secret) {}

  /** {@code viewer}: GET only; {@code operator}: everything. */
  public enum Role {
    VIEWER,
    OPERATOR
  }
}
