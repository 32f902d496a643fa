package dev.chime.faults;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The run records (chime_run) of one scenario, checked against the fires the jobs' schedules call
 * for. A fire is <em>run</em> when it has a completed (succeeded, failed, timed_out) or still running
 * record; <em>doubled</em> when it has more than one completed record; <em>caught up</em> when a
 * catch-up run (misfire policy run-once) covers it ({@code covered_from < fire < catch-up's fire});
 * <em>skipped</em> when a policy recorded it skipped; <em>missed</em> otherwise.
 */
final class RunLedger {

  record Run(long id, String job, Instant scheduledAt, Instant startedAt, Instant endedAt, String node, int attempt,
      String trigger, String outcome, Instant coveredFrom) {
    boolean completed() {
      return outcome.equals("succeeded") || outcome.equals("failed") || outcome.equals("timed_out");
    }

    boolean ran() {
      return completed() || outcome.equals("running");
    }
  }

  /** The count of one scenario's fires. */
  record Tally(long expected, long run, long duplicates, long missed, long caughtUp, long skipped, List<String> problems) {
    String summary() {
      return "expected " + expected + ", run " + run + ", doubled " + duplicates + ", missed " + missed
          + ", caught up " + caughtUp + ", skipped " + skipped + (problems.isEmpty() ? "" : "; e.g. " + problems);
    }
  }

  private RunLedger() {}

  static List<Run> read(FaultDb db) {
    List<Run> runs = new ArrayList<>();
    for (List<Object> r : db.query("SELECT id, job, scheduled_at, started_at, ended_at, node, attempt, trigger, outcome, "
        + "covered_from FROM chime_run ORDER BY id")) {
      runs.add(new Run(((Number) r.get(0)).longValue(), (String) r.get(1), instant(r.get(2)), instant(r.get(3)),
          instant(r.get(4)), (String) r.get(5), ((Number) r.get(6)).intValue(), (String) r.get(7), (String) r.get(8),
          instant(r.get(9))));
    }
    return runs;
  }

  private static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (value instanceof java.sql.Timestamp ts) {
      return ts.toInstant();
    }
    throw new IllegalArgumentException("not a time: " + value.getClass());
  }

  /**
   * Checks every fire of the jobs in {@code [from, to)}: {@code periods} maps a job to its period in
   * seconds (cron {@code 0/N * * * * ?}, N dividing 60: the fires are the epoch seconds divisible by N).
   */
  static Tally tally(List<Run> runs, Map<String, Integer> periods, Instant from, Instant to) {
    Map<String, List<Run>> byJob = runs.stream().collect(Collectors.groupingBy(Run::job));
    long expected = 0, run = 0, duplicates = 0, missed = 0, caughtUp = 0, skipped = 0;
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Integer> job : new TreeMap<>(periods).entrySet()) {
      List<Run> jobRuns = byJob.getOrDefault(job.getKey(), List.of());
      Map<Instant, List<Run>> byFire = jobRuns.stream().collect(Collectors.groupingBy(Run::scheduledAt));
      List<Run> catchUps = jobRuns.stream().filter(r -> r.trigger().equals("catch_up")).toList();
      long period = job.getValue();
      long first = (from.getEpochSecond() + (from.getNano() > 0 ? 1 : 0) + period - 1) / period * period;
      for (long s = first; s < to.getEpochSecond() || (s == to.getEpochSecond() && to.getNano() > 0); s += period) {
        Instant fire = Instant.ofEpochSecond(s);
        expected++;
        List<Run> records = byFire.getOrDefault(fire, List.of());
        long completed = records.stream().filter(Run::completed).count();
        if (completed > 1) {
          duplicates += completed - 1;
          note(problems, "doubled " + job.getKey() + "@" + fire + " " + describe(records));
        }
        if (records.stream().anyMatch(Run::ran)) {
          run++;
        } else if (catchUps.stream().anyMatch(c -> (c.coveredFrom() == null || c.coveredFrom().isBefore(fire))
            && c.scheduledAt().isAfter(fire))) {
          caughtUp++;
        } else if (records.stream().anyMatch(r -> r.outcome().equals("skipped"))) {
          skipped++;
        } else {
          missed++;
          note(problems, "missed " + job.getKey() + "@" + fire + " " + describe(records));
        }
      }
    }
    return new Tally(expected, run, duplicates, missed, caughtUp, skipped, problems);
  }

  private static String describe(List<Run> records) {
    return records.stream().map(r -> r.node() + "/" + r.attempt() + "/" + r.trigger() + "/" + r.outcome()).toList().toString();
  }

  private static void note(List<String> problems, String problem) {
    if (problems.size() < 5) {
      problems.add(problem);
    }
  }

  /** Completed runs per node among {@code runs}, e.g. {@code node-1=402, node-2=399}. */
  static Map<String, Long> perNode(List<Run> runs, Instant from, Instant to) {
    return runs.stream().filter(Run::completed)
        .filter(r -> !r.scheduledAt().isBefore(from) && r.scheduledAt().isBefore(to))
        .collect(Collectors.groupingBy(Run::node, TreeMap::new, Collectors.counting()));
  }

  /** Catch-up runs per job. */
  static Map<String, Long> catchUps(List<Run> runs) {
    return runs.stream().filter(r -> r.trigger().equals("catch_up"))
        .collect(Collectors.groupingBy(Run::job, TreeMap::new, Collectors.counting()));
  }

  /** Jobs that fire every second. */
  static Map<String, Integer> everySecond(String... jobs) {
    Map<String, Integer> periods = new TreeMap<>();
    for (String job : jobs) {
      periods.put(job, 1);
    }
    return periods;
  }
}
