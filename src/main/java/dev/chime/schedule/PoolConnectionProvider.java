package dev.chime.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/**
 * Hands Quartz's job store connections from chime's HikariCP pool. Closed when the scheduler shuts
 * down, before the pool is: a job that finishes after that cannot mark its fire complete, so the
 * fire stays in the store for recovery instead of being lost.
 */
final class PoolConnectionProvider implements ConnectionProvider {

  private final DataSource dataSource;
  private volatile boolean closed;

  PoolConnectionProvider(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (closed) {
      throw new SQLException("chime's Quartz store is shut down on this node");
    }
    return dataSource.getConnection();
  }

  @Override
  public void shutdown() {
    closed = true;
  }

  @Override
  public void initialize() {
    // The pool is opened (and probed) by chime before Quartz starts.
  }
}
