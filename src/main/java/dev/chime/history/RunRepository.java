package dev.chime.history;

import dev.chime.ChimeException;
import dev.chime.execution.RunJournal;
import dev.chime.execution.RunTrigger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Run records in {@code chime_run}, plain JDBC, one cluster's rows. */
public final class RunRepository implements RunJournal {

  private static final String INSERT =
      "INSERT INTO chime_run (cluster, job, scheduled_at, started_at, node, attempt, trigger, outcome, fire_instance_id) "
          + "VALUES (?, ?, ?, ?, ?, "
          + "  1 + (SELECT count(*) FROM chime_run WHERE cluster = ? AND job = ? AND scheduled_at = ?), "
          + "  ?, 'running', ?) RETURNING id, attempt";
  private static final String MARK_LOST =
      "UPDATE chime_run SET outcome = 'lost', ended_at = ?, error = 'node ' || node || ' stopped while running it; recovered as attempt ' || ? "
          + "WHERE cluster = ? AND job = ? AND scheduled_at = ? AND outcome = 'running' AND id <> ?";
  private static final String FINISH =
      "UPDATE chime_run SET outcome = ?, ended_at = ?, exit_code = ?, error = ?, output = ?, output_bytes = ? WHERE id = ?";
  private static final String COLUMNS =
      "id, job, scheduled_at, started_at, ended_at, node, attempt, trigger, outcome, exit_code, error, output, output_bytes";

  private final DataSource dataSource;
  private final String cluster;

  public RunRepository(DataSource dataSource, String cluster) {
    this.dataSource = dataSource;
    this.cluster = cluster;
  }

  @Override
  public Started start(Start start) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      Started started = insert(c, start);
      if (start.trigger() == RunTrigger.RECOVERY) {
        markLost(c, start, started);
      }
      c.commit();
      return started;
    } catch (SQLException e) {
      throw new ChimeException("cannot record the start of job '" + start.job() + "': " + e.getMessage(), e);
    }
  }

  private Started insert(Connection c, Start start) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT)) {
      s.setString(1, cluster);
      s.setString(2, start.job());
      s.setObject(3, utc(start.scheduledAt()));
      s.setObject(4, utc(start.startedAt()));
      s.setString(5, start.node());
      s.setString(6, cluster);
      s.setString(7, start.job());
      s.setObject(8, utc(start.scheduledAt()));
      s.setString(9, start.trigger().id());
      s.setString(10, start.fireInstanceId());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return new Started(rs.getLong(1), rs.getInt(2));
      }
    }
  }

  /** A recovery means the earlier attempt's node is gone: its row, still 'running', is lost. */
  private void markLost(Connection c, Start start, Started started) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(MARK_LOST)) {
      s.setObject(1, utc(start.startedAt()));
      s.setInt(2, started.attempt());
      s.setString(3, cluster);
      s.setString(4, start.job());
      s.setObject(5, utc(start.scheduledAt()));
      s.setLong(6, started.runId());
      s.executeUpdate();
    }
  }

  @Override
  public void finish(long runId, Result result) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(FINISH)) {
      s.setString(1, result.outcome().id());
      s.setObject(2, utc(result.endedAt()));
      if (result.exitCode().isPresent()) {
        s.setInt(3, result.exitCode().get());
      } else {
        s.setNull(3, Types.INTEGER);
      }
      s.setString(4, result.error().orElse(null));
      s.setString(5, result.output().replace("\u0000", ""));
      s.setLong(6, result.outputBytes());
      s.setLong(7, runId);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new ChimeException("cannot record the end of run " + runId + " (" + result.outcome().id() + "): " + e.getMessage(), e);
    }
  }

  /** The latest runs, newest first, optionally of one job. */
  public List<RunRecord> latest(Optional<String> job, int limit) {
    String sql = "SELECT " + COLUMNS + " FROM chime_run WHERE cluster = ?"
        + (job.isPresent() ? " AND job = ?" : "") + " ORDER BY started_at DESC, id DESC LIMIT ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      int i = 1;
      s.setString(i++, cluster);
      if (job.isPresent()) {
        s.setString(i++, job.get());
      }
      s.setInt(i, limit);
      return read(s);
    } catch (SQLException e) {
      throw new ChimeException("cannot read run history: " + e.getMessage(), e);
    }
  }

  private static List<RunRecord> read(PreparedStatement s) throws SQLException {
    List<RunRecord> runs = new ArrayList<>();
    try (ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        runs.add(new RunRecord(
            rs.getLong("id"), rs.getString("job"), instant(rs, "scheduled_at"), instant(rs, "started_at"),
            Optional.ofNullable(rs.getObject("ended_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant),
            rs.getString("node"), rs.getInt("attempt"), rs.getString("trigger"), rs.getString("outcome"),
            Optional.ofNullable((Integer) rs.getObject("exit_code")), Optional.ofNullable(rs.getString("error")),
            Optional.ofNullable(rs.getString("output")), Optional.ofNullable((Long) rs.getObject("output_bytes"))));
      }
    }
    return runs;
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

}
