package dev.chime.store;

import dev.chime.ChimeException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * A PostgreSQL session advisory lock held around one piece of work, so that nodes doing the same
 * thing at once (migrating, reconciling) take turns. The database is the lock: no lock service of
 * chime's own. The lock connection is held for the duration, the work uses others from the pool.
 */
public enum AdvisoryLock {
  /** Schema migrations. */
  MIGRATE(0x6368696d656d6967L),
  /** Reconciling config into the Quartz store. */
  RECONCILE(0x6368696d65726563L);

  private final long key;

  AdvisoryLock(long key) {
    this.key = key;
  }

  public <T> T holding(DataSource dataSource, Supplier<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      call(connection, "SELECT pg_advisory_lock(?)");
      try {
        return work.get();
      } finally {
        call(connection, "SELECT pg_advisory_unlock(?)");
      }
    } catch (SQLException e) {
      throw new ChimeException("cannot take the " + name().toLowerCase() + " lock: " + e.getMessage(), e);
    }
  }

  private void call(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, key);
      statement.execute();
    }
  }
}
