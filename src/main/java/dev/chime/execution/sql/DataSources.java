package dev.chime.execution.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.chime.ChimeException;
import dev.chime.config.DataSourceSettings;
import dev.chime.config.JdbcUrls;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The databases sql jobs run on: chime's own (no datasource named) or a {@code chime.datasources}
 * entry of this node. Each named datasource gets its own small HikariCP pool, opened on first use
 * (a node whose jobs never name it never connects) and without probing, so opening never blocks;
 * an unreachable database fails the run that needs it, within the connection timeout.
 *
 * <p>Pools set {@code stringtype=unspecified}, so string binds are typed by the server. Thread-safe.
 */
public final class DataSources implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DataSources.class);
  private static final long CONNECTION_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(10);

  private final DataSource chimeDatabase;
  private final Map<String, DataSourceSettings> named;
  private final Map<String, HikariDataSource> pools = new ConcurrentHashMap<>();
  private boolean closed;

  /**
   * @param chimeDatabase chime's own database, used when a job names no datasource; not closed here
   * @param named this node's datasources by name
   */
  public DataSources(DataSource chimeDatabase, Map<String, DataSourceSettings> named) {
    this.chimeDatabase = chimeDatabase;
    this.named = Map.copyOf(named);
  }

  /**
   * The datasource a job names, or chime's own database when {@code name} is empty.
   *
   * @throws ChimeException if this node defines no datasource by that name, or after {@link #close()}
   */
  public DataSource get(Optional<String> name) {
    if (name.isEmpty()) {
      return chimeDatabase;
    }
    DataSourceSettings settings = named.get(name.get());
    if (settings == null) {
      throw new ChimeException("unknown datasource '" + name.get() + "'; defined on this node: "
          + (named.isEmpty() ? "none" : String.join(", ", new TreeSet<>(named.keySet()))));
    }
    synchronized (this) {
      if (closed) {
        throw new ChimeException("datasources are closed (node shutting down)");
      }
      return pools.computeIfAbsent(settings.name(), n -> open(settings));
    }
  }

  /** The names of the datasources whose pool has been opened so far. */
  public Set<String> opened() {
    return Set.copyOf(pools.keySet());
  }

  /** Closes every pool opened; chime's own database is left to its owner. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    pools.forEach((name, pool) -> {
      log.info("Closing datasource '{}'", name);
      pool.close();
    });
  }

  private static HikariDataSource open(DataSourceSettings settings) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("chime-ds-" + settings.name());
    hikari.setJdbcUrl(settings.url());
    hikari.setUsername(settings.user());
    if (!settings.password().isEmpty()) {
      hikari.setPassword(settings.password().value());
    }
    hikari.setMaximumPoolSize(settings.poolSize());
    hikari.setMinimumIdle(0);
    hikari.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
    hikari.setInitializationFailTimeout(-1);
    hikari.addDataSourceProperty("stringtype", "unspecified");
    hikari.addDataSourceProperty("connectTimeout", TimeUnit.MILLISECONDS.toSeconds(CONNECTION_TIMEOUT_MS));
    hikari.addDataSourceProperty("ApplicationName", "chime datasource " + settings.name());
    log.info("Opening datasource '{}' at {} as '{}' (pool size {})",
        settings.name(), JdbcUrls.mask(settings.url()), settings.user(), settings.poolSize());
    return new HikariDataSource(hikari);
  }
}
