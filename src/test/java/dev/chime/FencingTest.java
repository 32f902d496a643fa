package dev.chime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chime.testing.TcpProxy;
import dev.chime.testing.TestConfigs;
import dev.chime.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobKey;

/**
 * Node A loses the database (its own path to it is cut) while running a job; node B still has it.
 * A must kill its job before B recovers the fire, so the job never runs twice at once.
 */
class FencingTest {

  private static final String NEVER = "0 0 0 1 1 ? 2099";

  @TempDir Path dir;
  private final TestDatabase db = TestDatabase.create();

  @Test
  void aNodeCutOffFromTheDatabaseKillsItsWorkBeforeAnotherNodeRecoversIt() throws Exception {
    Path pidFile = dir.resolve("work.pid");
    String jobs = ("work { cron = \"%s\", command.args = [\"sh\", \"-c\", "
        + "\"if [ $CHIME_ATTEMPT = 1 ]; then echo $$ > %s; exec sleep 120; fi; echo recovered\"] }").formatted(NEVER, pidFile);
    try (TcpProxy proxy = new TcpProxy(db.port())) {
      String viaProxy = "database.url = \"" + db.url().replace(":" + db.port() + "/", ":" + proxy.port() + "/") + "\"";
      Daemon a = Daemon.start(TestConfigs.node(dir, db, "node-a", viaProxy, jobs), Clock.systemUTC());
      a.scheduler().quartz().triggerJob(JobKey.jobKey("work", "chime"));
      await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(pidFile) && !Files.readString(pidFile).isBlank());
      long pid = Long.parseLong(Files.readString(pidFile).trim());
      Daemon b = Daemon.start(TestConfigs.node(dir, db, "node-b", jobs), Clock.systemUTC());
      try {
        Instant cutAt = Instant.now();
        proxy.cut();

        await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        Instant killedBy = Instant.now();
        await().atMost(Duration.ofSeconds(40)).until(
            () -> db.count("SELECT count(*) FROM chime_run WHERE attempt = 2 AND outcome = 'succeeded'") == 1);
        Instant recoveredAt = Instant.ofEpochMilli(
            db.count("SELECT (extract(epoch FROM started_at) * 1000)::bigint FROM chime_run WHERE attempt = 2"));

        System.out.printf("FencingTest: cut at 0 ms, A's job killed by %d ms, B recovered the fire at %d ms%n",
            Duration.between(cutAt, killedBy).toMillis(), Duration.between(cutAt, recoveredAt).toMillis());
        assertThat(killedBy).as("A killed its job before B started the recovery").isBefore(recoveredAt);
        assertThat(db.query("SELECT node, trigger FROM chime_run WHERE attempt = 2")).containsExactly(List.of("node-b", "recovery"));

        proxy.restore();
        await().atMost(Duration.ofSeconds(30)).until(() -> !a.scheduler().quartz().isInStandbyMode());
      } finally {
        b.stop();
        a.stop();
      }
    }
  }
}
