package dev.chime.schedule;

import dev.chime.ChimeException;
import dev.chime.config.JobSpecJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One-off runs in {@code chime_one_off}, plain JDBC, one cluster's rows, with their status derived
 * from the run records and Quartz's triggers.
 */
final class OneOffStore {

  private static final String INSERT =
      "INSERT INTO chime_one_off (id, cluster, job, run_at, parameters, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String DELETE = "DELETE FROM chime_one_off WHERE cluster = ? AND id = ?";
  private static final String CANCEL =
      "UPDATE chime_one_off SET cancelled_at = ?, cancelled_by = ? WHERE cluster = ? AND id = ? AND cancelled_at IS NULL";
  private static final String SELECT =
      "SELECT * FROM (SELECT o.id, o.job, o.run_at, o.parameters, o.created_by, o.created_at, o.cancelled_at, "
          + "o.cancelled_by, r.id AS run_id, "
          + "CASE WHEN o.cancelled_at IS NOT NULL THEN 'cancelled' WHEN r.id IS NOT NULL THEN 'fired' "
          + "WHEN NOT EXISTS (SELECT 1 FROM qrtz_triggers t WHERE t.sched_name = o.cluster "
          + "AND t.trigger_group = '" + JobControl.ONE_OFF_GROUP + "' AND t.trigger_name = o.id) THEN 'fired' "
          + "ELSE 'pending' END AS status "
          + "FROM chime_one_off o LEFT JOIN LATERAL (SELECT min(id) AS id FROM chime_run "
          + "WHERE cluster = o.cluster AND request_id = o.id) r ON true WHERE o.cluster = ?) x";

  private final DataSource dataSource;
  private final String cluster;

  OneOffStore(DataSource dataSource, String cluster) {
    this.dataSource = dataSource;
    this.cluster = cluster;
  }

  void insert(OneOff oneOff) {
    update(INSERT, "record one-off run " + oneOff.id(), oneOff.id(), cluster, oneOff.job(), PauseStore.utc(oneOff.runAt()),
        JobSpecJson.parametersToJson(oneOff.parameters()), oneOff.createdBy(), PauseStore.utc(oneOff.createdAt()));
  }

  void delete(String id) {
    update(DELETE, "delete one-off run " + id, cluster, id);
  }

  void cancel(String id, String by, Instant at) {
    update(CANCEL, "cancel one-off run " + id, PauseStore.utc(at), by, cluster, id);
  }

  Optional<OneOff> get(String id) {
    return query(" WHERE id = ?", List.of(cluster, id)).stream().findFirst();
  }

  /** The one-off runs, soonest first, optionally of one job and in one status. */
  List<OneOff> list(Optional<String> job, Optional<String> status) {
    List<Object> binds = new ArrayList<>(List.of(cluster));
    StringBuilder where = new StringBuilder(" WHERE true");
    job.ifPresent(j -> {
      where.append(" AND job = ?");
      binds.add(j);
    });
    status.ifPresent(s -> {
      where.append(" AND status = ?");
      binds.add(s);
    });
    return query(where + " ORDER BY run_at, id", binds);
  }

  private List<OneOff> query(String tail, List<Object> binds) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(SELECT + tail)) {
      for (int i = 0; i < binds.size(); i++) {
        s.setObject(i + 1, binds.get(i));
      }
      List<OneOff> found = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          found.add(read(rs));
        }
      }
      return found;
    } catch (SQLException e) {
      throw new ChimeException("cannot read one-off runs: " + e.getMessage(), e);
    }
  }

  private static OneOff read(ResultSet rs) throws SQLException {
    return new OneOff(rs.getString("id"), rs.getString("job"), instant(rs, "run_at").orElseThrow(),
        JobSpecJson.parametersFromJson(rs.getString("parameters")), rs.getString("created_by"),
        instant(rs, "created_at").orElseThrow(), rs.getString("status"),
        Optional.ofNullable((Long) rs.getObject("run_id")), instant(rs, "cancelled_at"),
        Optional.ofNullable(rs.getString("cancelled_by")));
  }

  private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
    return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
  }

  private void update(String sql, String what, Object... binds) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < binds.length; i++) {
        s.setObject(i + 1, binds[i]);
      }
      s.executeUpdate();
    } catch (SQLException e) {
      throw new ChimeException("cannot " + what + ": " + e.getMessage(), e);
    }
  }
}
