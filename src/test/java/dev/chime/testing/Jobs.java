package dev.chime.testing;

import dev.chime.config.CommandSpec;
import dev.chime.config.JobPolicies;
import dev.chime.config.JobSpec;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Job definitions for unit tests, with reference.conf's default policies unless a test says otherwise. */
public final class Jobs {

  public static final JobPolicies DEFAULT_POLICIES = new JobPolicies(JobPolicies.Misfire.RUN_ONCE, 10,
      JobPolicies.Overlap.FORBID, Duration.ZERO,
      new JobPolicies.RetryPolicy(1, Duration.ofSeconds(30), 2.0, Duration.ofMinutes(10), Duration.ZERO,
          List.of("failed", "timed_out")),
      JobPolicies.Window.ALWAYS, JobPolicies.DstPolicy.QUARTZ, Duration.ofMinutes(15));

  private Jobs() {}

  /** A command job running {@code true}. */
  public static JobSpec job(String name, String cron, String zone) {
    return job(name, cron, zone, DEFAULT_POLICIES);
  }

  public static JobSpec job(String name, String cron, String zone, JobPolicies policies) {
    return new JobSpec(name, Optional.empty(), cron, ZoneId.of(zone), true, Duration.ofMinutes(5), 1024, Map.of(),
        policies, new CommandSpec(List.of("true"), Optional.empty(), Map.of()));
  }
}
