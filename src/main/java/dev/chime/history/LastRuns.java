package dev.chime.history;

import dev.chime.ChimeException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Each job's latest run and success across the cluster, and its failures since then: one query
 * for all the given jobs, each part walking the {@code (cluster, job, scheduled_at)} index from the
 * newest row, so its cost does not grow with the history.
 */
public final class LastRuns {

  /** Failures since the last success are counted up to this many. */
  public static final int MAX_COUNTED_FAILURES = 1000;

  private static final String QUERY =
      "SELECT j.job, r.started_at, s.scheduled_at, s.ended_at, "
          + "  (SELECT count(*) FROM (SELECT 1 FROM chime_run f WHERE f.cluster = ? AND f.job = j.job "
          + "     AND f.outcome IN ('failed', 'timed_out') AND f.scheduled_at > coalesce(s.scheduled_at, '-infinity') "
          + "     ORDER BY f.scheduled_at DESC LIMIT " + MAX_COUNTED_FAILURES + ") x) "
          + "FROM unnest(?::text[]) AS j(job) "
          + "LEFT JOIN LATERAL (SELECT started_at FROM chime_run WHERE cluster = ? AND job = j.job "
          + "  AND outcome <> 'skipped' ORDER BY scheduled_at DESC, started_at DESC LIMIT 1) r ON true "
          + "LEFT JOIN LATERAL (SELECT scheduled_at, ended_at FROM chime_run WHERE cluster = ? AND job = j.job "
          + "  AND outcome = 'succeeded' ORDER BY scheduled_at DESC LIMIT 1) s ON true";

  /**
   * One job's latest runs: when its latest run started, the scheduled time and end of its latest
   * successful run, and how many runs failed or timed out after that success (for a fire after it).
   */
  public record Latest(
      Optional<Instant> lastStarted, Optional<Instant> lastSuccessScheduled, Optional<Instant> lastSuccessEnded,
      long failuresSinceSuccess) {}

  private final DataSource dataSource;
  private final String cluster;

  public LastRuns(DataSource dataSource, String cluster) {
    this.dataSource = dataSource;
    this.cluster = cluster;
  }

  /** The latest runs of each of {@code jobs}, by job name (jobs without records included). */
  public Map<String, Latest> of(List<String> jobs) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(QUERY)) {
      s.setString(1, cluster);
      s.setArray(2, c.createArrayOf("text", jobs.toArray()));
      s.setString(3, cluster);
      s.setString(4, cluster);
      Map<String, Latest> latest = new HashMap<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          latest.put(rs.getString(1), new Latest(instant(rs, 2), instant(rs, 3), instant(rs, 4), rs.getLong(5)));
        }
      }
      return latest;
    } catch (SQLException e) {
      throw new ChimeException("cannot read the jobs' latest runs: " + e.getMessage(), e);
    }
  }

  private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
    return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
  }
}
