package dev.chime.execution;

import dev.chime.config.KindSpec;

/**
 * Runs one kind of job. Implementations never see Quartz: they get the definition, the run's
 * context and a cancellation signal, and react to cancellation by stopping their work promptly.
 */
public interface KindRunner<S extends KindSpec> {

  KindResult run(S spec, RunContext context, long outputLimit, Cancellation cancellation)
      throws Exception;

  /** What the kind did: success or not, with what it can tell about it. */
  record KindResult(
      boolean success, Integer exitCode, String message, String output, long outputBytes) {}
}
