package dev.chime.execution;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a run knows about itself, and the values its placeholders take. The idempotency key {@code
 * <job>@<scheduled fire time>} is the same for every attempt and recovery of one fire, so a target
 * can drop duplicates.
 *
 * @param parameters the job's default parameters with a manual run's overrides applied
 * @param coveredFrom the scheduled time of the job's last successful run, if any
 * @param coveredTo this run's scheduled time: a catch-up run covers the whole interval
 */
public record RunContext(
    long runId,
    String job,
    Instant scheduledFireTime,
    Instant actualFireTime,
    String fireInstanceId,
    int attempt,
    String node,
    boolean recovering,
    Map<String, String> parameters,
    Optional<Instant> coveredFrom,
    Instant coveredTo) {

  public RunContext {
    parameters = Map.copyOf(parameters);
  }

  public String idempotencyKey() {
    return job + "@" + scheduledFireTime;
  }

  /** The run's own fields by name ({@code scheduledFireTime}, ...): {@code ${run.NAME}}. */
  public Map<String, String> fields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("job", job);
    fields.put("runId", Long.toString(runId));
    fields.put("scheduledFireTime", scheduledFireTime.toString());
    fields.put("actualFireTime", actualFireTime.toString());
    fields.put("fireInstanceId", fireInstanceId);
    fields.put("attempt", Integer.toString(attempt));
    fields.put("node", node);
    fields.put("recovering", Boolean.toString(recovering));
    fields.put("idempotencyKey", idempotencyKey());
    fields.put("coveredFrom", coveredFrom.map(Instant::toString).orElse(""));
    fields.put("coveredTo", coveredTo.toString());
    return fields;
  }

  /** Every placeholder's value, keyed as written: {@code params.batchSize}, {@code run.node}. */
  public Map<String, String> placeholderValues() {
    Map<String, String> values = new LinkedHashMap<>();
    parameters.forEach((k, v) -> values.put("params." + k, v));
    fields().forEach((k, v) -> values.put("run." + k, v));
    return values;
  }

  /** The context as CHIME_* environment variables, for command jobs: CHIME_SCHEDULED_FIRE_TIME, ... */
  public Map<String, String> asEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    fields().forEach((name, value) -> env.put("CHIME_" + name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT), value));
    return env;
  }
}
