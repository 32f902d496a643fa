package dev.chime.faults;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The fault suite's PostgreSQL: one embedded server for every scenario (a fresh database each), with
 * a fixed data directory and port so a scenario can stop it and start it again and the nodes find it
 * where they left it.
 */
final class FaultPostgres {

  private static final Path DATA = Path.of("target", "faults", "pgdata").toAbsolutePath();
  private static FaultPostgres instance;

  private final int port;
  private EmbeddedPostgres server;

  private FaultPostgres(int port) {
    this.port = port;
  }

  static synchronized FaultPostgres shared() {
    if (instance == null) {
      deleteRecursively(DATA);
      instance = new FaultPostgres(freePort());
      instance.start();
      Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "fault-postgres-stop"));
    }
    return instance;
  }

  synchronized void start() {
    if (server != null) {
      return;
    }
    try {
      server = EmbeddedPostgres.builder().setPort(port).setDataDirectory(DATA).setCleanDataDirectory(false)
          .setServerConfig("max_connections", "300").start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  synchronized void stop() {
    if (server == null) {
      return;
    }
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      server = null;
    }
  }

  int port() {
    return port;
  }

  /** A fresh, empty database for one scenario. */
  FaultDb createDatabase(String scenario) {
    String name = "fault_" + scenario.replaceAll("[^a-z0-9]", "_");
    FaultDb admin = new FaultDb(port, "postgres");
    admin.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    admin.execute("CREATE DATABASE " + name);
    return new FaultDb(port, name);
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unused")
  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
