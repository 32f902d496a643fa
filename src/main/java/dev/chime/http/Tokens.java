package dev.chime.http;

import dev.chime.ChimeException;
import dev.chime.config.AdminSettings;
import dev.chime.config.AdminSettings.ApiToken;
import dev.chime.config.AdminSettings.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The admin API's bearer tokens, resolved once at start. Several may be valid at once (rotation).
 * A presented token is compared with every known one in constant time ({@link MessageDigest#isEqual}
 * on SHA-256 digests), so neither its value nor which token matched shows in the timing.
 */
final class Tokens {

  /** Who is calling: a token's name and role; {@code anonymous} operator when auth is off. */
  record Caller(String name, Role role) {}

  private record Known(String name, Role role, byte[] digest) {}

  private static final String BEARER = "bearer ";

  private final boolean required;
  private final List<Known> known;

  private Tokens(boolean required, List<Known> known) {
    this.required = required;
    this.known = known;
  }

  /** Resolves every configured token's secret; a {@link ChimeException} naming the one that cannot be read. */
  static Tokens resolve(AdminSettings settings) {
    List<Known> known = settings.tokens().stream().map(Tokens::resolve).toList();
    return new Tokens(settings.authRequired(), known);
  }

  private static Known resolve(ApiToken token) {
    String value;
    try {
      value = token.secret().resolve();
    } catch (ChimeException e) {
      throw new ChimeException("admin API token '" + token.name() + "': " + e.getMessage()
          + "; set it, or remove the token from chime.admin.tokens", e);
    }
    if (value.isBlank()) {
      throw new ChimeException("admin API token '" + token.name() + "' (" + token.secret() + ") is empty");
    }
    return new Known(token.name(), token.role(), digest(value));
  }

  boolean isEmpty() {
    return known.isEmpty();
  }

  /** The caller an {@code Authorization} header names; 401 when it is missing or matches no token. */
  Caller authenticate(String authorization) {
    if (!required) {
      return new Caller("anonymous", Role.OPERATOR);
    }
    if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
      throw ApiError.unauthorized("missing bearer token: send 'Authorization: Bearer <token>'");
    }
    byte[] presented = digest(authorization.substring(BEARER.length()).strip());
    Optional<Known> match = Optional.empty();
    for (Known candidate : known) {
      if (MessageDigest.isEqual(candidate.digest(), presented)) {
        match = Optional.of(candidate);
      }
    }
    return match.map(k -> new Caller(k.name(), k.role()))
        .orElseThrow(() -> ApiError.unauthorized("the bearer token matches no token in chime.admin.tokens"));
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
