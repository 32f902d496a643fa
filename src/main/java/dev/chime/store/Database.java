package dev.chime.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.pool.HikariPool;
import dev.chime.ChimeException;
import dev.chime.config.Durations;
import dev.chime.config.JdbcUrls;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The connection pool to chime's PostgreSQL, shared by Quartz's job store and chime's own tables.
 * Opening it probes the database within the connect timeout, so a node that cannot reach its
 * database fails at start with the URL (password masked) and the cause, not at the first fire.
 */
public final class Database implements AutoCloseable {

  private final HikariDataSource pool;
  private final String url;

  private Database(HikariDataSource pool, String url) {
    this.pool = pool;
    this.url = url;
  }

  /** Opens the pool; throws a {@link ChimeException} naming the URL when the probe fails. */
  public static Database open(ConnectionSettings settings) {
    return open(settings, Optional.empty());
  }

  /**
   * Opens the pool reporting to {@code metrics} (HikariCP's tracker factory, e.g. its Micrometer one):
   * a pool only takes it before it starts.
   */
  public static Database open(ConnectionSettings settings, Optional<MetricsTrackerFactory> metrics) {
    HikariConfig hikari = new HikariConfig();
    metrics.ifPresent(hikari::setMetricsTrackerFactory);
    hikari.setPoolName("chime-db");
    hikari.setJdbcUrl(settings.url());
    hikari.setUsername(settings.user());
    hikari.setPassword(settings.password());
    hikari.setMaximumPoolSize(settings.poolSize());
    hikari.setMinimumIdle(Math.min(2, settings.poolSize()));
    long timeoutMs = Math.max(250, settings.connectTimeout().toMillis());
    hikari.setConnectionTimeout(timeoutMs);
    hikari.setInitializationFailTimeout(timeoutMs);
    hikari.setValidationTimeout(Math.min(timeoutMs, Duration.ofSeconds(5).toMillis()));
    hikari.addDataSourceProperty("connectTimeout", Math.max(1, settings.connectTimeout().toSeconds()));
    hikari.addDataSourceProperty("ApplicationName", "chime " + settings.applicationName());
    try {
      return new Database(new HikariDataSource(hikari), settings.url());
    } catch (HikariPool.PoolInitializationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new ChimeException(
          "cannot connect to the database at " + JdbcUrls.mask(settings.url()) + " as '"
              + settings.user() + "' within " + Durations.format(settings.connectTimeout()) + ": "
              + cause.getMessage(), e);
    }
  }

  public DataSource dataSource() {
    return pool;
  }

  /** The JDBC URL, password masked: safe to log. */
  public String describe() {
    return JdbcUrls.mask(url);
  }

  @Override
  public void close() {
    pool.close();
  }

  /** What {@link #open} needs, resolved from the config (and the embedded server when there is one). */
  public record ConnectionSettings(
      String url, String user, String password, int poolSize, Duration connectTimeout,
      String applicationName) {

    @Override
    public String toString() {
      return "ConnectionSettings[url=" + JdbcUrls.mask(url) + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
  }
}
