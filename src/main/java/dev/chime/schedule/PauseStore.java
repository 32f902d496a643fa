package dev.chime.schedule;

import dev.chime.ChimeException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/** Pause records in {@code chime_pause}, plain JDBC, one cluster's rows. */
final class PauseStore {

  private static final String UPSERT =
      "INSERT INTO chime_pause (cluster, job, paused_by, paused_at, reason, paused_until) VALUES (?, ?, ?, ?, ?, ?) "
          + "ON CONFLICT (cluster, job) DO UPDATE SET paused_by = EXCLUDED.paused_by, paused_at = EXCLUDED.paused_at, "
          + "reason = EXCLUDED.reason, paused_until = EXCLUDED.paused_until";
  private static final String DELETE = "DELETE FROM chime_pause WHERE cluster = ? AND job = ?";
  private static final String DELETE_EXPIRED =
      "DELETE FROM chime_pause WHERE cluster = ? AND job = ? AND paused_until = ?";
  private static final String ALL =
      "SELECT job, paused_by, paused_at, reason, paused_until FROM chime_pause WHERE cluster = ?";

  private final DataSource dataSource;
  private final String cluster;

  PauseStore(DataSource dataSource, String cluster) {
    this.dataSource = dataSource;
    this.cluster = cluster;
  }

  void save(String job, Pause pause) {
    update(UPSERT, "record the pause of job '" + job + "'", cluster, job, pause.by(), utc(pause.at()),
        pause.reason().orElse(null), pause.until().map(PauseStore::utc).orElse(null));
  }

  void delete(String job) {
    update(DELETE, "delete the pause record of job '" + job + "'", cluster, job);
  }

  /** Deletes the record only if it is still the pause that ends at {@code until}; true if it was. */
  boolean deleteExpired(String job, Instant until) {
    return update(DELETE_EXPIRED, "end the pause of job '" + job + "'", cluster, job, utc(until)) > 0;
  }

  Map<String, Pause> all() {
    Map<String, Pause> pauses = new TreeMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(ALL)) {
      s.setString(1, cluster);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          pauses.put(rs.getString(1), new Pause(rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
              Optional.ofNullable(rs.getString(4)),
              Optional.ofNullable(rs.getObject(5, OffsetDateTime.class)).map(OffsetDateTime::toInstant)));
        }
      }
      return pauses;
    } catch (SQLException e) {
      throw new ChimeException("cannot read pause records: " + e.getMessage(), e);
    }
  }

  private int update(String sql, String what, Object... binds) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < binds.length; i++) {
        s.setObject(i + 1, binds[i]);
      }
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new ChimeException("cannot " + what + ": " + e.getMessage(), e);
    }
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
