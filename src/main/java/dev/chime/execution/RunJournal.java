package dev.chime.execution;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Where execution reports runs: a record at start, updated at the end. The history package
 * implements it on PostgreSQL; execution never sees SQL.
 */
public interface RunJournal {

  /**
   * Records a run as started and returns its id and attempt number for this fire; throws {@link
   * AlreadyRun} when the same scheduled fire already has a run (it must not run twice).
   */
  Started start(Start start);

  /** A scheduled fire that already ran (or runs) elsewhere: this start is refused. */
  final class AlreadyRun extends dev.chime.ChimeException {
    public AlreadyRun(String job, Instant scheduledAt) {
      super("job '" + job + "' fire scheduled " + scheduledAt + " already has a run");
    }
  }

  /** Records how the run ended. */
  void finish(long runId, Result result);

  /** Records a fire that was not run, and why; returns the record's id. */
  long skip(Skip skip);

  /** The scheduled time of the job's latest succeeded run. */
  Optional<Instant> lastSuccess(String job);

  /** A run of the job that was running at {@code at} (started before, not ended by then), if any. */
  Optional<Long> runningAt(String job, Instant at);

  record Start(
      String job,
      Instant scheduledAt,
      Instant startedAt,
      String node,
      Fire fire,
      Map<String, String> parameters,
      Optional<Coverage> coverage,
      long delayMillis) {

    public RunTrigger trigger() {
      return fire.trigger();
    }
  }

  /** The interval a catch-up run stands for: from the last successful scheduled fire to its own. */
  record Coverage(Optional<Instant> from, Instant to) {}

  /** A fire not run, by policy; recorded {@code skipped} with the reason. */
  record Skip(String job, Instant scheduledAt, Instant at, String node, Fire fire, String reason) {}

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
