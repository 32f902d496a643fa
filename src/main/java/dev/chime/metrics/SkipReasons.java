package dev.chime.metrics;

import java.util.List;

/**
 * The bounded kinds of a skipped fire's reason, the {@code reason} tag of {@code
 * chime_job_skipped_total}: the recorded reason itself is free text.
 */
final class SkipReasons {

  static final String OVERLAP = "overlap";
  static final String SUPERSEDED = "superseded";
  static final String MAX_CATCH_UP = "max_catch_up";
  static final String EXCLUDED_DATE = "excluded_date";
  static final String OUTSIDE_WINDOW = "outside_window";
  static final String OTHER = "other";

  static final List<String> ALL = List.of(OVERLAP, SUPERSEDED, MAX_CATCH_UP, EXCLUDED_DATE, OUTSIDE_WINDOW, OTHER);

  private SkipReasons() {}

  /** The kind of an execution's skip reason. */
  static String kindOf(String reason) {
    if (reason.contains("overlap = forbid")) {
      return OVERLAP;
    }
    if (reason.contains("overlap = queue")) {
      return SUPERSEDED;
    }
    if (reason.contains("max-catch-up")) {
      return MAX_CATCH_UP;
    }
    if (reason.startsWith("excluded date")) {
      return EXCLUDED_DATE;
    }
    return reason.startsWith("outside the job's window") ? OUTSIDE_WINDOW : OTHER;
  }
}
