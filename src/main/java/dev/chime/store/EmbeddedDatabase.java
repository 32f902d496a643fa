package dev.chime.store;

import dev.chime.ChimeException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default database when {@code chime.database.url} is empty: a real PostgreSQL server started by
 * this process, its data kept under {@code <data-dir>/postgres} across restarts. If a server is
 * already running on that directory (another chime process on this machine started it), this
 * process joins it instead, so {@code chime history} or a second node needs no URL. For trying chime
 * out on one machine; production points every node at a shared PostgreSQL.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final Optional<EmbeddedPostgres> owned;
  private final int port;

  private EmbeddedDatabase(Optional<EmbeddedPostgres> owned, int port) {
    this.owned = owned;
    this.port = port;
  }

  public static EmbeddedDatabase startOrJoin(Path dataDir, int port) {
    Path pgData = dataDir.resolve("postgres").toAbsolutePath();
    Optional<Integer> running = runningPort(pgData);
    if (running.isPresent()) {
      log.info("Using the embedded PostgreSQL already running on {} (port {})", pgData, running.get());
      return new EmbeddedDatabase(Optional.empty(), running.get());
    }
    try {
      Files.createDirectories(pgData);
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(pgData)
              .setCleanDataDirectory(false)
              // chime stops the server itself, last, after running jobs have recorded their end.
              .setRegisterShutdownHook(false)
              .setServerConfig("listen_addresses", "localhost")
              .setServerConfig("max_connections", "200");
      if (port > 0) {
        builder.setPort(port);
      }
      EmbeddedPostgres postgres = builder.start();
      EmbeddedDatabase db = new EmbeddedDatabase(Optional.of(postgres), postgres.getPort());
      log.info("Embedded PostgreSQL started, data in {}. Another node joins this cluster with CHIME_DB_URL={}",
          pgData, db.jdbcUrl());
      return db;
    } catch (IOException | RuntimeException e) {
      throw new ChimeException(
          "cannot start the embedded PostgreSQL in " + pgData + ": " + e.getMessage()
              + " (set chime.database.url / CHIME_DB_URL to use a PostgreSQL server instead)", e);
    }
  }

  /** The port of a live server on this data directory, from PostgreSQL's own postmaster.pid. */
  private static Optional<Integer> runningPort(Path pgData) {
    Path pidFile = pgData.resolve("postmaster.pid");
    try {
      List<String> lines = Files.readAllLines(pidFile);
      if (lines.size() < 4) {
        return Optional.empty();
      }
      long pid = Long.parseLong(lines.get(0).trim());
      boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
      return alive ? Optional.of(Integer.parseInt(lines.get(3).trim())) : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/postgres";
  }

  public String user() {
    return "postgres";
  }

  @Override
  public void close() {
    owned.ifPresent(postgres -> {
      try {
        postgres.close();
      } catch (IOException e) {
        log.warn("Embedded PostgreSQL did not stop cleanly", e);
      }
    });
  }
}
