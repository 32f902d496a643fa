package dev.chime.execution;

import java.util.Locale;

/** What started a run. Stored lower-case. */
public enum RunTrigger {
  /** The job's own schedule. */
  SCHEDULE,
  /** Quartz re-ran a fire whose node died or shut down while running it. */
  RECOVERY,
  /** A fire missed while no node could run it, run late by the job's misfire policy. */
  CATCH_UP,
  /** Another attempt of a failed fire, by the job's retry policy. */
  RETRY,
  /** An operator's run-now ({@code chime trigger}). */
  MANUAL,
  /** An operator's run at a chosen time ({@code chime schedule}). */
  ONE_OFF;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
