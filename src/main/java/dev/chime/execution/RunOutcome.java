package dev.chime.execution;

import java.util.Locale;

/** How a run ended (or that it has not yet). Stored lower-case: {@code timed_out}. */
public enum RunOutcome {
  RUNNING,
  SUCCEEDED,
  FAILED,
  TIMED_OUT,
  /** Cancelled by this node's shutdown; the fire is left to Quartz's recovery. */
  INTERRUPTED,
  /** Left {@code running} by a node that vanished; its fire was recovered as a new attempt. */
  LOST,
  /** Not run, by policy (overlap forbid, beyond max-catch-up); the record says why. */
  SKIPPED;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RunOutcome fromId(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
