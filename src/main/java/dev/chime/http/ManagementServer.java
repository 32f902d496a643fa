package dev.chime.http;

import dev.chime.config.ManagementSettings;
import io.javalin.Javalin;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The management listener: {@code /metrics} for Prometheus, {@code /health/live} and {@code /health/ready}; no auth. */
final class ManagementServer {

  private static final Logger log = LoggerFactory.getLogger(ManagementServer.class);

  private ManagementServer() {}

  static Javalin start(ManagementSettings settings, NodeServices services, Readiness readiness) {
    Javalin app = Servers.create("chime-management-http", config -> {
      config.routes.get("/metrics", ctx -> ctx.contentType(services.scrapeContentType()).result(services.scrape().get()));
      config.routes.get("/health/live", ctx -> ctx.json(Map.of("status", "live")));
      config.routes.get("/health/ready", ctx -> {
        Readiness.Answer answer = readiness.check();
        if (answer.ready()) {
          ctx.json(Map.of("status", "ready"));
        } else {
          ctx.status(503).json(Map.of("status", "not ready", "reasons", answer.reasons()));
        }
      });
    });
    Javalin started = Servers.start(app, settings.host(), settings.port(), "management listener (chime.management)");
    log.info("Management listener on http://{}:{}: /metrics, /health/live, /health/ready", settings.host(), started.port());
    return started;
  }
}
