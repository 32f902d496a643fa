package dev.chime.execution;

import java.time.Instant;

/** One fire as Quartz handed it over: which scheduled time it is for, and whether it is a recovery. */
public record Fire(Instant scheduledAt, Instant firedAt, String fireInstanceId, RunTrigger trigger) {

  public boolean recovering() {
    return trigger == RunTrigger.RECOVERY;
  }
}
