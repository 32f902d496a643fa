package dev.chime.http;

import dev.chime.config.ChimeConfig;
import dev.chime.schedule.ClusterStatus;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's HTTP surface: the management listener ({@code /metrics}, {@code /health/*}, no auth) and
 * the admin listener ({@code /api/v1}, bearer tokens), each on its own host and port. Start it once
 * the scheduler runs; close it first when the node stops.
 */
public final class HttpSurface implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HttpSurface.class);

  /** How long readiness waits for the database. */
  static final Duration READY_BOUND = Duration.ofSeconds(2);

  private final Javalin management;
  private final Optional<AdminServer.Listener> admin;
  private final Readiness readiness;

  private HttpSurface(Javalin management, Optional<AdminServer.Listener> admin, Readiness readiness) {
    this.management = management;
    this.admin = admin;
    this.readiness = readiness;
  }

  /** Starts both listeners (the admin one only when it has tokens or auth = none); a ChimeException saying why not. */
  public static HttpSurface start(ChimeConfig config, NodeServices services) {
    ClusterStatus cluster = services.scheduler().status();
    Readiness readiness = new Readiness(cluster, services.configApplied(), READY_BOUND, services.clock(),
        config.cluster().maxClockSkew());
    Javalin management = null;
    try {
      management = ManagementServer.start(config.management(), services, readiness);
      return new HttpSurface(management, AdminServer.start(config, services, cluster), readiness);
    } catch (RuntimeException e) {
      if (management != null) {
        management.stop();
      }
      readiness.close();
      throw e;
    }
  }

  public int managementPort() {
    return management.port();
  }

  /** The admin listener's port; empty when it did not start. */
  public OptionalInt adminPort() {
    return admin.map(a -> OptionalInt.of(a.app().port())).orElse(OptionalInt.empty());
  }

  /** The host the admin listener is bound to; empty when it did not start. */
  public Optional<String> adminHost() {
    return admin.map(AdminServer.Listener::host);
  }

  /** Stops the admin listener, then the management one. */
  @Override
  public void close() {
    try {
      admin.ifPresent(a -> a.app().stop());
      management.stop();
    } catch (RuntimeException e) {
      log.warn("Stopping the HTTP listeners: {}", e.toString());
    } finally {
      readiness.close();
    }
  }
}
