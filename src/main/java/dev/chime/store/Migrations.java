package dev.chime.store;

import dev.chime.ChimeException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date before Quartz starts: Quartz's tables, chime's own, and this
 * cluster's Quartz lock rows (afterMigrate.sql). Nodes starting together on an empty database are
 * serialised by a PostgreSQL advisory lock, so exactly one of them migrates and the others find the
 * work done.
 */
public final class Migrations {

  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  public static void migrate(DataSource dataSource, String clusterName) {
    AdvisoryLock.MIGRATE.holding(dataSource, () -> {
      try {
        MigrateResult result =
            Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .table("chime_schema_history")
                // chime may share a database with other tables: start its history at 0, run every migration.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .placeholders(Map.of("clusterName", clusterName))
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
          log.info("Database schema migrated to version {} ({} migrations)",
              result.targetSchemaVersion, result.migrationsExecuted);
        }
        return result;
      } catch (FlywayException e) {
        throw new ChimeException("database schema migration failed: " + e.getMessage(), e);
      }
    });
  }
}
