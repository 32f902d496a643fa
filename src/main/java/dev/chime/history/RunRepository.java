package dev.chime.history;

import dev.chime.ChimeException;
import dev.chime.config.JobSpecJson;
import dev.chime.execution.Fire;
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
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Run records in {@code chime_run}, plain JDBC, one cluster's rows. */
public final class RunRepository implements RunJournal {

  private static final String INSERT =
      "INSERT INTO chime_run (cluster, job, scheduled_at, started_at, node, attempt, trigger, outcome, fire_instance_id, "
          + "parameters, triggered_by, request_id, covered_from, covered_to, delay_ms, ended_at, error) "
          + "VALUES (?, ?, ?, ?, ?, "
          + "  1 + (SELECT count(*) FROM chime_run WHERE cluster = ? AND job = ? AND scheduled_at = ? AND outcome <> 'skipped'), "
          + "  ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id, attempt";
  private static final String MARK_LOST =
      "UPDATE chime_run SET outcome = 'lost', ended_at = ?, error = 'node ' || node || ' stopped while running it; recovered as attempt ' || ? "
          + "WHERE cluster = ? AND job = ? AND scheduled_at = ? AND outcome = 'running' AND id <> ?";
  private static final String FINISH =
      "UPDATE chime_run SET outcome = ?, ended_at = ?, exit_code = ?, http_status = ?, rows_affected = ?, "
          + "error = ?, output = ?, output_bytes = ? WHERE id = ?";
  private static final String COLUMNS =
      "id, job, scheduled_at, started_at, ended_at, node, attempt, trigger, outcome, exit_code, http_status, "
          + "rows_affected, error, output, output_bytes, parameters, triggered_by, request_id, covered_from, covered_to, delay_ms";

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
      if ("23505".equals(e.getSQLState()) && String.valueOf(e.getMessage()).contains("chime_run_one_per_fire")) {
        throw new AlreadyRun(start.job(), start.scheduledAt());
      }
      throw new ChimeException("cannot record the start of job '" + start.job() + "': " + e.getMessage(), e);
    }
  }

  private Started insert(Connection c, Start start) throws SQLException {
    return insert(c, start.job(), start.scheduledAt(), start.startedAt(), start.node(), start.fire(), "running",
        start.parameters(), start.coverage(), start.delayMillis(), null);
  }

  @Override
  public long skip(Skip skip) {
    try (Connection c = dataSource.getConnection()) {
      return insert(c, skip.job(), skip.scheduledAt(), skip.at(), skip.node(), skip.fire(), "skipped",
          skip.fire().parameters(), Optional.empty(), 0, skip.reason()).runId();
    } catch (SQLException e) {
      throw new ChimeException("cannot record a skipped fire of job '" + skip.job() + "': " + e.getMessage(), e);
    }
  }

  private Started insert(Connection c, String job, Instant scheduledAt, Instant at, String node, Fire fire,
      String outcome, Map<String, String> parameters, Optional<Coverage> coverage, long delayMillis, String error)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT)) {
      int i = 1;
      s.setString(i++, cluster);
      s.setString(i++, job);
      s.setObject(i++, utc(scheduledAt));
      s.setObject(i++, utc(at));
      s.setString(i++, node);
      s.setString(i++, cluster);
      s.setString(i++, job);
      s.setObject(i++, utc(scheduledAt));
      s.setString(i++, fire.trigger().id());
      s.setString(i++, outcome);
      s.setString(i++, fire.fireInstanceId());
      s.setString(i++, JobSpecJson.parametersToJson(parameters));
      s.setString(i++, fire.triggeredBy().orElse(null));
      s.setString(i++, fire.requestId().orElse(null));
      s.setObject(i++, coverage.flatMap(Coverage::from).map(RunRepository::utc).orElse(null));
      s.setObject(i++, coverage.map(Coverage::to).map(RunRepository::utc).orElse(null));
      s.setObject(i++, delayMillis > 0 ? delayMillis : null, Types.BIGINT);
      s.setObject(i++, error == null ? null : utc(at));
      s.setString(i, error);
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
      s.setObject(3, result.exitCode().orElse(null), Types.INTEGER);
      s.setObject(4, result.httpStatus().orElse(null), Types.INTEGER);
      s.setObject(5, result.rowsAffected().orElse(null), Types.BIGINT);
      s.setString(6, result.error().orElse(null));
      s.setString(7, result.output().replace("\u0000", ""));
      s.setLong(8, result.outputBytes());
      s.setLong(9, runId);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new ChimeException("cannot record the end of run " + runId + " (" + result.outcome().id() + "): " + e.getMessage(), e);
    }
  }

  /** The latest runs, newest first, optionally of one job. */
  public List<RunRecord> latest(Optional<String> job, int limit) {
    return find(RunQuery.latest(job, limit)).runs();
  }

  /** The runs matching {@code query}, one page of them, with the total count. */
  public RunPage find(RunQuery query) {
    List<Object> binds = new ArrayList<>();
    String where = where(query, binds);
    String order = " ORDER BY " + query.order().column + (query.ascending() ? " ASC" : " DESC")
        + ", id" + (query.ascending() ? " ASC" : " DESC");
    try (Connection c = dataSource.getConnection()) {
      long total;
      try (PreparedStatement s = prepare(c, "SELECT count(*) FROM chime_run" + where, binds)) {
        total = single(s);
      }
      List<Object> pageBinds = new ArrayList<>(binds);
      pageBinds.add(query.limit());
      pageBinds.add(query.offset());
      try (PreparedStatement s = prepare(c, "SELECT " + COLUMNS + " FROM chime_run" + where + order + " LIMIT ? OFFSET ?", pageBinds)) {
        return new RunPage(read(s), total, query.offset(), query.limit());
      }
    } catch (SQLException e) {
      throw new ChimeException("cannot read run history: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<Instant> lastSuccess(String job) {
    String sql = "SELECT max(scheduled_at) FROM chime_run WHERE cluster = ? AND job = ? AND outcome = 'succeeded'";
    try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, List.of(cluster, job));
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    } catch (SQLException e) {
      throw new ChimeException("cannot read job '" + job + "''s last success: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<Long> runningAt(String job, Instant at) {
    String sql = "SELECT id FROM chime_run WHERE cluster = ? AND job = ? AND outcome <> 'skipped' AND started_at <= ? "
        + "AND (ended_at > ? OR (ended_at IS NULL AND outcome = 'running')) ORDER BY id DESC LIMIT 1";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = prepare(c, sql, List.of(cluster, job, utc(at), utc(at)));
        ResultSet rs = s.executeQuery()) {
      return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
    } catch (SQLException e) {
      throw new ChimeException("cannot check job '" + job + "' for a run in progress: " + e.getMessage(), e);
    }
  }

  /** The run a manual or one-off request became, if a node has started it. */
  public Optional<RunRecord> byRequestId(String requestId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = prepare(c, "SELECT " + COLUMNS + " FROM chime_run WHERE cluster = ? AND request_id = ? ORDER BY id LIMIT 1",
            List.of(cluster, requestId))) {
      return read(s).stream().findFirst();
    } catch (SQLException e) {
      throw new ChimeException("cannot read the run of request " + requestId + ": " + e.getMessage(), e);
    }
  }

  /** One run, whole. */
  public Optional<RunRecord> get(long id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = prepare(c, "SELECT " + COLUMNS + " FROM chime_run WHERE cluster = ? AND id = ?", List.of(cluster, id))) {
      return read(s).stream().findFirst();
    } catch (SQLException e) {
      throw new ChimeException("cannot read run " + id + ": " + e.getMessage(), e);
    }
  }

  private String where(RunQuery query, List<Object> binds) {
    StringBuilder where = new StringBuilder(" WHERE cluster = ?");
    binds.add(cluster);
    if (!query.jobs().isEmpty()) {
      where.append(" AND job = ANY (?)");
      binds.add(query.jobs().toArray(String[]::new));
    }
    if (!query.outcomes().isEmpty()) {
      where.append(" AND outcome = ANY (?)");
      binds.add(query.outcomes().toArray(String[]::new));
    }
    query.node().ifPresent(n -> {
      where.append(" AND node = ?");
      binds.add(n);
    });
    query.from().ifPresent(f -> {
      where.append(" AND scheduled_at >= ?");
      binds.add(utc(f));
    });
    query.to().ifPresent(t -> {
      where.append(" AND scheduled_at < ?");
      binds.add(utc(t));
    });
    return where.toString();
  }

  private static PreparedStatement prepare(Connection c, String sql, List<Object> binds) throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    for (int i = 0; i < binds.size(); i++) {
      Object bind = binds.get(i);
      if (bind instanceof String[] array) {
        s.setArray(i + 1, c.createArrayOf("varchar", array));
      } else {
        s.setObject(i + 1, bind);
      }
    }
    return s;
  }

  private static long single(PreparedStatement s) throws SQLException {
    try (ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<RunRecord> read(PreparedStatement s) throws SQLException {
    List<RunRecord> runs = new ArrayList<>();
    try (ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        runs.add(new RunRecord(
            rs.getLong("id"), rs.getString("job"), instant(rs, "scheduled_at"), instant(rs, "started_at"),
            optionalInstant(rs, "ended_at"),
            rs.getString("node"), rs.getInt("attempt"), rs.getString("trigger"), rs.getString("outcome"),
            Optional.ofNullable((Integer) rs.getObject("exit_code")), Optional.ofNullable((Integer) rs.getObject("http_status")),
            Optional.ofNullable((Long) rs.getObject("rows_affected")), Optional.ofNullable(rs.getString("error")),
            Optional.ofNullable(rs.getString("output")), Optional.ofNullable((Long) rs.getObject("output_bytes")),
            Optional.ofNullable(rs.getString("parameters")).map(JobSpecJson::parametersFromJson).orElse(Map.of()),
            Optional.ofNullable(rs.getString("triggered_by")), Optional.ofNullable(rs.getString("request_id")),
            optionalInstant(rs, "covered_from"), optionalInstant(rs, "covered_to"),
            Optional.ofNullable((Long) rs.getObject("delay_ms"))));
      }
    }
    return runs;
  }

  private static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

}
