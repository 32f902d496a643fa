package dev.chime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chime.Daemon;
import dev.chime.config.ConfigLoader;
import dev.chime.testing.HttpProbe;
import dev.chime.testing.HttpProbe.Answer;
import dev.chime.testing.TestConfigs;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readiness follows the database: 503 while it is down, 200 once it is back; liveness stays 200 and
 * no probe hangs. A PostgreSQL of its own (not the shared test server), stopped and restarted on the
 * same port and data directory.
 */
class ReadinessTest {

  private static final Duration PROBE_LIMIT = Duration.ofSeconds(4);

  @TempDir Path dir;
  private EmbeddedPostgres postgres;
  private Daemon node;

  @AfterEach
  void stop() throws IOException {
    if (node != null) {
      node.stop();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  private EmbeddedPostgres startPostgres(int port) throws IOException {
    return EmbeddedPostgres.builder().setPort(port).setDataDirectory(dir.resolve("pgdata"))
        .setCleanDataDirectory(false).start();
  }

  @Test
  void readinessIs503WhileTheDatabaseIsDownAnd200WhenItIsBackWhileLivenessStays200() throws IOException {
    int port = freePort();
    postgres = startPostgres(port);
    String hocon = """
        chime {
          node-id = "node-r"
          database { url = "jdbc:postgresql://localhost:%d/postgres", user = "postgres", connect-timeout = 1s }
          cluster { check-in-interval = 1s, idle-wait = 1s }
          management { host = "127.0.0.1", port = 0 }
          jobs { tick { cron = "0 0 3 * * ?", command.args = ["true"] } }
        }
        """.formatted(port);
    node = Daemon.start(ConfigLoader.load(TestConfigs.write(dir, "node.conf", hocon)), Clock.systemUTC());
    HttpProbe management = new HttpProbe(node.http().managementPort());
    await().atMost(Duration.ofSeconds(10)).until(() -> management.get("/health/ready").status() == 200);

    postgres.close();
    postgres = null;
    await().atMost(Duration.ofSeconds(20)).until(() -> timed(management, "/health/ready").status() == 503);
    Answer down = timed(management, "/health/ready");
    assertThat(down.json().get("status").asText()).isEqualTo("not ready");
    assertThat(down.json().get("reasons").toString()).contains("database");
    for (int i = 0; i < 3; i++) {
      assertThat(timed(management, "/health/live").status()).isEqualTo(200);
      assertThat(timed(management, "/health/ready").status()).isEqualTo(503);
    }

    postgres = startPostgres(port);
    await().atMost(Duration.ofSeconds(30)).until(() -> timed(management, "/health/ready").status() == 200);
    assertThat(timed(management, "/health/live").status()).isEqualTo(200);
  }

  /** A probe's answer, checked to come within the bound: a probe never hangs on the database. */
  private static Answer timed(HttpProbe probe, String path) {
    long start = System.nanoTime();
    Answer answer = probe.get(path);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as(path + " answered").isLessThan(PROBE_LIMIT);
    return answer;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
