package dev.chime.http;

import dev.chime.config.AdminSettings;
import dev.chime.config.ChimeConfig;
import dev.chime.schedule.ClusterStatus;
import io.javalin.Javalin;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin listener: {@code /api/v1} only, every route behind a bearer token. With {@code auth =
 * token} and no token configured it does not start; with {@code auth = none} it listens on loopback
 * only, whatever {@code host} says.
 */
final class AdminServer {

  private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
  static final String LOOPBACK = "127.0.0.1";

  /** The started listener and the host it listens on. */
  record Listener(Javalin app, String host) {}

  private AdminServer() {}

  static Optional<Listener> start(ChimeConfig config, NodeServices services, ClusterStatus cluster) {
    AdminSettings admin = config.admin();
    Tokens tokens = Tokens.resolve(admin);
    if (admin.authRequired() && tokens.isEmpty()) {
      log.warn("Admin API not started: chime.admin.auth = token and chime.admin.tokens is empty. Add a token "
          + "(tokens { ops { role = operator, env = CHIME_TOKEN_OPS } }), or set auth = none on a laptop");
      return Optional.empty();
    }
    String host = admin.authRequired() ? admin.host() : LOOPBACK;
    if (!admin.authRequired()) {
      log.warn("Admin API WITHOUT AUTHENTICATION (chime.admin.auth = none): listening on {} only (chime.admin.host "
          + "'{}' ignored); any local user can pause, trigger and schedule jobs", LOOPBACK, admin.host());
    }
    Javalin app = Servers.create("chime-admin-http", routes -> {
      routes.routes.before(Api.PREFIX + "/*", ctx -> ctx.attribute(Api.CALLER, tokens.authenticate(ctx.header("Authorization"))));
      Api api = new Api(routes.routes, services.audit());
      new NodeRoutes(services, cluster, config.cluster().name(), config.jobsHash()).register(api);
      new JobRoutes(services).register(api);
      new RunRoutes(services).register(api);
      new ScheduleRoutes(services).register(api);
    });
    Javalin started = Servers.start(app, host, admin.port(), "admin listener (chime.admin)");
    log.info("Admin API on http://{}:{}{} ({} token(s), auth {})", host, started.port(), Api.PREFIX,
        admin.tokens().size(), admin.authRequired() ? "token" : "none");
    return Optional.of(new Listener(started, host));
  }
}
