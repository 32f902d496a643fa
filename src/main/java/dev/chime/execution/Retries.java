package dev.chime.execution;

import dev.chime.config.JobSpec;
import java.time.Instant;

/** Where the executor files the next attempt of a failed fire: a trigger in the store, not memory. */
public interface Retries {

  void schedule(JobSpec spec, Fire fire, int attempt, Instant at);
}
