package dev.chime.history;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A filter over run records: any of the jobs and outcomes (empty: all), a node, a scheduled-time
 * range [from, to), an order and a page.
 */
public record RunQuery(
    List<String> jobs,
    List<String> outcomes,
    Optional<String> node,
    Optional<Instant> from,
    Optional<Instant> to,
    Order order,
    boolean ascending,
    int limit,
    int offset) {

  public RunQuery {
    jobs = List.copyOf(jobs);
    outcomes = List.copyOf(outcomes);
  }

  /** The latest {@code limit} runs, newest first, of one job or all. */
  public static RunQuery latest(Optional<String> job, int limit) {
    return new RunQuery(job.map(List::of).orElse(List.of()), List.of(), Optional.empty(), Optional.empty(),
        Optional.empty(), Order.STARTED, false, limit, 0);
  }

  /** What runs are sorted by; ties broken by id. */
  public enum Order {
    SCHEDULED("scheduled_at"),
    STARTED("started_at"),
    JOB("job"),
    STATUS("outcome");

    final String column;

    Order(String column) {
      this.column = column;
    }
  }
}
