package dev.chime.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's cancellation signal. The executor cancels it on timeout or shutdown; a job kind reacts
 * by registering a callback (kill the process, abort the request) or by polling {@link
 * #isCancelled()}. A callback registered after cancellation runs at once; each runs exactly once.
 */
public final class Cancellation {

  private static final Logger log = LoggerFactory.getLogger(Cancellation.class);

  /** Why a run was cancelled; decides the recorded outcome. */
  public enum Reason {
    TIMEOUT,
    SHUTDOWN,
    /** This node lost contact with the cluster: its work is left for the node that recovers it. */
    FENCED
  }

  private Reason reason;
  private final List<Runnable> callbacks = new ArrayList<>();

  public void cancel(Reason why) {
    List<Runnable> toRun;
    synchronized (this) {
      if (reason != null) {
        return;
      }
      reason = why;
      toRun = List.copyOf(callbacks);
      callbacks.clear();
    }
    toRun.forEach(Cancellation::runQuietly);
  }

  public synchronized boolean isCancelled() {
    return reason != null;
  }

  public synchronized Optional<Reason> reason() {
    return Optional.ofNullable(reason);
  }

  public void onCancel(Runnable callback) {
    synchronized (this) {
      if (reason == null) {
        callbacks.add(callback);
        return;
      }
    }
    runQuietly(callback);
  }

  private static void runQuietly(Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException e) {
      log.warn("A cancel callback failed; the run may still be cancelled by its timeout", e);
    }
  }
}
