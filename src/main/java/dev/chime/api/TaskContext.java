package dev.chime.api;

import java.time.Instant;
import java.util.Map;

/** What a {@link ChimeTask} knows about its run. */
public interface TaskContext {

  String job();

  /** The fire time this run is for; the same across retries and recovery of one fire. */
  Instant scheduledFireTime();

  Instant actualFireTime();

  String fireInstanceId();

  /** 1 for the first run of a fire, 2.. for a recovery of the same fire. */
  int attempt();

  /** The node running this attempt. */
  String node();

  /** True when this run re-runs a fire whose node died or shut down while running it. */
  boolean recovering();

  /** {@code <job>@<scheduled fire time>}: pass it to targets so they can drop a repeated fire. */
  String idempotencyKey();

  /** The job's parameters, with a manual run's overrides applied. */
  Map<String, String> parameters();

  boolean isCancelled();

  /** Runs {@code callback} when the run is cancelled (at once if it already is). */
  void onCancel(Runnable callback);
}
