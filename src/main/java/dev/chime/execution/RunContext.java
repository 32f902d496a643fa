package dev.chime.execution;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run knows about itself. The idempotency key {@code <job>@<scheduled fire time>} is the
 * same for every attempt and recovery of one fire, so a target can drop duplicates.
 */
public record RunContext(
    long runId,
    String job,
    Instant scheduledFireTime,
    Instant actualFireTime,
    String fireInstanceId,
    int attempt,
    String node,
    boolean recovering) {

  public String idempotencyKey() {
    return job + "@" + scheduledFireTime;
  }

  /** The context as CHIME_* environment variables, for command jobs. */
  public Map<String, String> asEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CHIME_JOB", job);
    env.put("CHIME_RUN_ID", Long.toString(runId));
    env.put("CHIME_SCHEDULED_FIRE_TIME", scheduledFireTime.toString());
    env.put("CHIME_ACTUAL_FIRE_TIME", actualFireTime.toString());
    env.put("CHIME_FIRE_INSTANCE_ID", fireInstanceId);
    env.put("CHIME_ATTEMPT", Integer.toString(attempt));
    env.put("CHIME_NODE", node);
    env.put("CHIME_RECOVERING", Boolean.toString(recovering));
    env.put("CHIME_IDEMPOTENCY_KEY", idempotencyKey());
    return env;
  }
}
