package dev.chime.execution;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** Random delays: a job's start jitter (cut short by cancellation) and a retry's extra wait. */
final class Jitter {

  private Jitter() {}

  /** A random duration in [0, max]. */
  static Duration random(Duration max) {
    return max.isZero() ? Duration.ZERO : Duration.ofMillis(ThreadLocalRandom.current().nextLong(max.toMillis() + 1));
  }

  /** Waits a random delay up to {@code max}, or until cancelled; returns the delay drawn, in ms. */
  static long await(Duration max, Cancellation cancellation) {
    long delay = random(max).toMillis();
    if (delay == 0) {
      return 0;
    }
    CountDownLatch cancelled = new CountDownLatch(1);
    cancellation.onCancel(cancelled::countDown);
    try {
      cancelled.await(delay, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return delay;
  }
}
