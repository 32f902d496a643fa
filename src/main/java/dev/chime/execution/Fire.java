package dev.chime.execution;

import java.time.Instant;
import java.util.Map;

/**
 * One fire as Quartz handed it over: which scheduled time it is for, whether it is a recovery, and
 * the parameter overrides a manual run brought.
 */
public record Fire(
    Instant scheduledAt, Instant firedAt, String fireInstanceId, RunTrigger trigger,
    Map<String, String> parameters) {

  public Fire {
    parameters = Map.copyOf(parameters);
  }

  public boolean recovering() {
    return trigger == RunTrigger.RECOVERY;
  }
}
