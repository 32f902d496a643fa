package dev.chime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chime.Daemon;
import dev.chime.history.AuditLog;
import dev.chime.history.RunRepository;
import dev.chime.schedule.JobControl;
import dev.chime.testing.HttpProbe;
import dev.chime.testing.HttpProbe.Answer;
import dev.chime.testing.TestConfigs;
import dev.chime.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The management listener on its own: the scrape it is given, and readiness waiting for the config to be applied. */
class HttpSurfaceTest {

  private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

  @TempDir Path dir;
  private final TestDatabase db = TestDatabase.create();

  @Test
  void servesTheGivenScrapeAndIsNotReadyUntilTheConfigIsApplied() {
    Daemon node = Daemon.start(TestConfigs.node(dir, db, "node-a", ""), Clock.systemUTC());
    AtomicBoolean applied = new AtomicBoolean();
    NodeServices services = new NodeServices(node.scheduler(),
        new JobControl(node.scheduler(), node.store().dataSource(), Clock.systemUTC()),
        new RunRepository(node.store().dataSource(), "chime"),
        new AuditLog(node.store().dataSource(), "chime", Clock.systemUTC()), node.store().dataSource(),
        () -> "# TYPE chime_up gauge\nchime_up 1\n", PROMETHEUS, applied::get, () -> node.reload("test"), Clock.systemUTC());
    try (HttpSurface surface = HttpSurface.start(node.config(), services)) {
      HttpProbe management = new HttpProbe(surface.managementPort());
      Answer metrics = management.get("/metrics");
      assertThat(metrics.status()).isEqualTo(200);
      assertThat(metrics.contentType()).isEqualTo(PROMETHEUS);
      assertThat(metrics.body()).isEqualTo("# TYPE chime_up gauge\nchime_up 1\n");
      assertThat(surface.adminPort()).as("no token: no admin listener").isEmpty();

      Answer ready = management.get("/health/ready");
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.json().get("reasons").toString()).contains("config not applied");
      applied.set(true);
      await().atMost(Duration.ofSeconds(10)).until(() -> management.get("/health/ready").status() == 200);
      assertThat(management.get("/health/live").json().get("status").asText()).isEqualTo("live");
      assertThat(management.get("/nothing").json().get("error").asText()).isEqualTo("NOT_FOUND");
    } finally {
      node.stop();
    }
  }
}
