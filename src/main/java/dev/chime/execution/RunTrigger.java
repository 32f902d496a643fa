package dev.chime.execution;

import java.util.Locale;

/** What started a run. Stored lower-case. */
public enum RunTrigger {
  /** The job's own schedule. */
  SCHEDULE,
  /** Quartz re-ran a fire whose node died or shut down while running it. */
  RECOVERY;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
