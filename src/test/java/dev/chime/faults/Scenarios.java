package dev.chime.faults;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/** Building blocks the fault scenarios share: job definitions and the final count of the fires. */
final class Scenarios {

  /** Bound on a node's start (JVM, migrations, reconcile, join) on a busy 2-core machine. */
  static final Duration START = Duration.ofSeconds(120);

  private Scenarios() {}

  static List<String> names(String prefix, int count) {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      names.add(String.format("%s-%02d", prefix, i));
    }
    return names;
  }

  /** sql jobs (SELECT 1 on chime's own database: no process to fork) on one cron. */
  static String sqlJobs(List<String> names, String cron) {
    StringBuilder jobs = new StringBuilder();
    names.forEach(n -> jobs.append("    ").append(n).append(" { cron = \"").append(cron)
        .append("\", sql { statement = \"SELECT 1\" } }\n"));
    return jobs.toString();
  }

  static Map<String, Integer> periods(List<String> names, int seconds) {
    Map<String, Integer> periods = new java.util.TreeMap<>();
    names.forEach(n -> periods.put(n, seconds));
    return periods;
  }

  /**
   * Counts the fires of {@code [from, to)} once the cluster has caught up with them: waits (at most 30 s)
   * until none is missing and none still running, then counts whatever is there.
   */
  static RunLedger.Tally settle(FaultDb db, Map<String, Integer> periods, Instant from, Instant to) {
    AtomicReference<RunLedger.Tally> last = new AtomicReference<>();
    try {
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
        List<RunLedger.Run> runs = RunLedger.read(db);
        last.set(RunLedger.tally(runs, periods, from, to));
        boolean running = runs.stream().anyMatch(r -> r.outcome().equals("running") && periods.containsKey(r.job())
            && r.scheduledAt().isBefore(to));
        return last.get().missed() == 0 && !running;
      });
    } catch (ConditionTimeoutException e) {
      // counted below as it stands
    }
    if (last.get() == null) {
      last.set(RunLedger.tally(RunLedger.read(db), periods, from, to));
    }
    return last.get();
  }

  /** The instant at the start of a log line ({@code 2026-11-25T09:13:44.123+00:00 INFO ...}). */
  static Instant logTime(String line) {
    String text = line.substring(line.indexOf(": ") + 2);
    return java.time.OffsetDateTime.parse(text.substring(0, text.indexOf(' '))).toInstant();
  }
}
