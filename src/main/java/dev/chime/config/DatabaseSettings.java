package dev.chime.config;

import java.time.Duration;
import java.util.Optional;

/** {@code chime.database}: the shared PostgreSQL, or the embedded one when {@code url} is empty. */
public record DatabaseSettings(
    Optional<String> url,
    String user,
    Secret password,
    Duration connectTimeout,
    int poolSize,
    int embeddedPort) {

  public boolean embedded() {
    return url.isEmpty();
  }
}
