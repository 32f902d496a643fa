package dev.chime.execution;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One fire as Quartz handed it over: which scheduled time it is for, what started it, and the
 * parameter overrides, operator and request id a manual or one-off run brought.
 */
public record Fire(
    Instant scheduledAt,
    Instant firedAt,
    String fireInstanceId,
    RunTrigger trigger,
    Map<String, String> parameters,
    Optional<String> triggeredBy,
    Optional<String> requestId) {

  public Fire {
    parameters = Map.copyOf(parameters);
  }

  /** A fire of the job's own schedule. */
  public static Fire scheduled(Instant scheduledAt, Instant firedAt, String fireInstanceId) {
    return new Fire(scheduledAt, firedAt, fireInstanceId, RunTrigger.SCHEDULE, Map.of(), Optional.empty(), Optional.empty());
  }

  public boolean recovering() {
    return trigger == RunTrigger.RECOVERY;
  }

  public Fire as(RunTrigger kind, Instant scheduledFor) {
    return new Fire(scheduledFor, firedAt, fireInstanceId, kind, parameters, triggeredBy, requestId);
  }
}
