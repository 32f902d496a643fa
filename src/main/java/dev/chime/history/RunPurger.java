package dev.chime.history;

import dev.chime.ChimeException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention: deletes run records older than {@code chime.history.retention}, a bounded batch per
 * transaction so a large purge never holds long locks, and records each purge in {@code
 * chime_purge}. Runs still {@code running} are never deleted.
 */
public final class RunPurger {

  private static final Logger log = LoggerFactory.getLogger(RunPurger.class);
  private static final String DELETE_BATCH =
      "DELETE FROM chime_run WHERE id IN (SELECT id FROM chime_run WHERE cluster = ? AND started_at < ? "
          + "AND outcome <> 'running' ORDER BY id LIMIT ?)";

  private final DataSource dataSource;
  private final String cluster;
  private final Duration retention;
  private final int batchSize;
  private final Clock clock;

  public RunPurger(DataSource dataSource, String cluster, Duration retention, int batchSize, Clock clock) {
    this.dataSource = dataSource;
    this.cluster = cluster;
    this.retention = retention;
    this.batchSize = batchSize;
    this.clock = clock;
  }

  /** Purges once, for the fire scheduled at {@code scheduledAt}, on {@code node}; returns rows deleted. */
  public long purge(Instant scheduledAt, String node) {
    Instant cutoff = clock.instant().minus(retention);
    try (Connection c = dataSource.getConnection()) {
      long purgeId = begin(c, scheduledAt, node, cutoff);
      long deleted = 0;
      int batches = 0;
      int n;
      do {
        n = deleteBatch(c, cutoff);
        deleted += n;
        batches++;
      } while (n == batchSize);
      end(c, purgeId, deleted, batches);
      log.info("History purge: deleted {} run records that started before {} ({} batches of at most {})",
          deleted, cutoff, batches, batchSize);
      return deleted;
    } catch (SQLException e) {
      throw new ChimeException("history purge failed: " + e.getMessage(), e);
    }
  }

  private long begin(Connection c, Instant scheduledAt, String node, Instant cutoff) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO chime_purge (cluster, scheduled_at, started_at, node, cutoff) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
      s.setString(1, cluster);
      s.setObject(2, scheduledAt.atOffset(ZoneOffset.UTC));
      s.setObject(3, clock.instant().atOffset(ZoneOffset.UTC));
      s.setString(4, node);
      s.setObject(5, cutoff.atOffset(ZoneOffset.UTC));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private int deleteBatch(Connection c, Instant cutoff) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(DELETE_BATCH)) {
      s.setString(1, cluster);
      s.setObject(2, cutoff.atOffset(ZoneOffset.UTC));
      s.setInt(3, batchSize);
      return s.executeUpdate();
    }
  }

  private void end(Connection c, long purgeId, long deleted, int batches) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE chime_purge SET ended_at = ?, deleted = ?, batches = ? WHERE id = ?")) {
      s.setObject(1, clock.instant().atOffset(ZoneOffset.UTC));
      s.setLong(2, deleted);
      s.setInt(3, batches);
      s.setLong(4, purgeId);
      s.executeUpdate();
    }
  }
}
