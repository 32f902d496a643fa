package dev.chime.store;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import dev.chime.config.ChimeConfig;
import dev.chime.config.DatabaseSettings;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * chime's database, ready to use: the configured PostgreSQL (or the embedded one), a probed pool,
 * and the schema migrated. Closing it closes the pool, then stops the embedded server if this
 * process started it.
 */
public final class Store implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Store.class);

  private final Optional<EmbeddedDatabase> embedded;
  private final Database database;

  private Store(Optional<EmbeddedDatabase> embedded, Database database) {
    this.embedded = embedded;
    this.database = database;
  }

  /** Opens the store for {@code who} (shown in pg_stat_activity): {@code node a1}, {@code cli}. */
  public static Store open(ChimeConfig config, String who) {
    return open(config, who, Optional.empty());
  }

  /** Opens the store with its pool reporting to {@code poolMetrics} (see {@link Database#open}). */
  public static Store open(ChimeConfig config, String who, Optional<MetricsTrackerFactory> poolMetrics) {
    DatabaseSettings db = config.database();
    Optional<EmbeddedDatabase> embedded =
        db.embedded() ? Optional.of(EmbeddedDatabase.startOrJoin(config.dataDir(), db.embeddedPort())) : Optional.empty();
    try {
      String url = embedded.map(EmbeddedDatabase::jdbcUrl).orElseGet(() -> db.url().orElseThrow());
      String user = embedded.map(EmbeddedDatabase::user).orElse(db.user());
      Database database =
          Database.open(new Database.ConnectionSettings(
              url, user, db.password().value(), config.poolSize(), db.connectTimeout(), who), poolMetrics);
      log.debug("Database {} open for {}", database.describe(), who);
      Store store = new Store(embedded, database);
      try {
        Migrations.migrate(database.dataSource(), config.cluster().name());
      } catch (RuntimeException e) {
        database.close();
        throw e;
      }
      return store;
    } catch (RuntimeException e) {
      embedded.ifPresent(EmbeddedDatabase::close);
      throw e;
    }
  }

  public DataSource dataSource() {
    return database.dataSource();
  }

  /** The database URL, password masked. */
  public String describe() {
    return database.describe();
  }

  @Override
  public void close() {
    database.close();
    embedded.ifPresent(EmbeddedDatabase::close);
  }
}
