package dev.chime.config;

import java.time.Duration;
import java.util.List;

/** {@code chime.http-jobs}: where http jobs may connect, and their default connect timeout. */
public record HttpJobSettings(List<String> allowedHosts, Duration connectTimeout) {

  public HttpJobSettings {
    allowedHosts = List.copyOf(allowedHosts);
  }
}
