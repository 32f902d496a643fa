package dev.chime.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * One job, normalised: defaults resolved, cron in Quartz form. This is what the store keeps and
 * what a node executes, so two nodes with different files still run the same definition.
 */
public record JobSpec(
    String name,
    Optional<String> description,
    String cron,
    ZoneId timeZone,
    boolean enabled,
    Duration timeout,
    long outputLimit,
    Map<String, String> parameters,
    JobPolicies policies,
    KindSpec kind) {

  public JobSpec {
    parameters = Map.copyOf(parameters);
  }
}
