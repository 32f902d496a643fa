package dev.chime.execution;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Where execution reports runs: a record at start, updated at the end. The history package
 * implements it on PostgreSQL; execution never sees SQL.
 */
public interface RunJournal {

  /** Records a run as started and returns its id and attempt number for this fire. */
  Started start(Start start);

  /** Records how the run ended. */
  void finish(long runId, Result result);

  record Start(
      String job, Instant scheduledAt, Instant startedAt, String node, RunTrigger trigger,
      String fireInstanceId, Map<String, String> parameters) {}

  record Started(long runId, int attempt) {}

  record Result(
      RunOutcome outcome,
      Instant endedAt,
      Optional<Integer> exitCode,
      Optional<Integer> httpStatus,
      Optional<Long> rowsAffected,
      Optional<String> error,
      String output,
      long outputBytes) {}
}
