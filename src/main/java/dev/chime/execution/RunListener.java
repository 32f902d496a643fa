package dev.chime.execution;

import dev.chime.config.JobSpec;
import java.time.Duration;
import java.util.List;

/**
 * What execution reports as it happens, for adapters (metrics) that must not reach into the core.
 * Called on the worker thread; implementations are quick and never throw.
 */
public interface RunListener {

  /** A run started: {@code context.actualFireTime()} vs. its scheduled time is the fire lag. */
  default void started(JobSpec spec, RunContext context, Fire fire) {}

  /** A run ended with {@code result}, {@code took} after it started. */
  default void finished(JobSpec spec, RunContext context, RunJournal.Result result, Duration took) {}

  /** A fire was not run, by policy. */
  default void skipped(JobSpec spec, Fire fire, String reason) {}

  /** Attempt {@code attempt} of a failed fire was filed. */
  default void retryScheduled(JobSpec spec, Fire fire, int attempt) {}

  /** Quartz found the job's trigger past its misfire threshold (its misfire policy then applies). */
  default void misfired(String job) {}

  /** Several listeners as one; one that throws does not stop the others. */
  static RunListener all(List<RunListener> listeners) {
    return new RunListener() {
      @Override
      public void started(JobSpec spec, RunContext context, Fire fire) {
        each(l -> l.started(spec, context, fire));
      }

      @Override
      public void finished(JobSpec spec, RunContext context, RunJournal.Result result, Duration took) {
        each(l -> l.finished(spec, context, result, took));
      }

      @Override
      public void skipped(JobSpec spec, Fire fire, String reason) {
        each(l -> l.skipped(spec, fire, reason));
      }

      @Override
      public void retryScheduled(JobSpec spec, Fire fire, int attempt) {
        each(l -> l.retryScheduled(spec, fire, attempt));
      }

      @Override
      public void misfired(String job) {
        each(l -> l.misfired(job));
      }

      private void each(java.util.function.Consumer<RunListener> call) {
        for (RunListener l : listeners) {
          try {
            call.accept(l);
          } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(RunListener.class).warn("run listener failed: {}", e.toString());
          }
        }
      }
    };
  }
}
