package dev.chime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chime.testing.TestConfigs;
import dev.chime.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobKey;

/** Retries live in the store (a node stop between attempts loses none); jitter delays and is recorded. */
class RetryAndJitterTest {

  private static final String NEVER = "0 0 0 1 1 ? 2099";

  @TempDir Path dir;
  private final TestDatabase db = TestDatabase.create();

  @Test
  void retriesSurviveANodeStopBetweenAttempts() throws Exception {
    String jobs = """
        flaky {
          cron = "%s"
          retry { attempts = 3, backoff = 4s, multiplier = 1.0 }
          command.args = ["sh", "-c", "echo key=$CHIME_IDEMPOTENCY_KEY attempt=$CHIME_ATTEMPT; exit 1"]
        }
        """.formatted(NEVER);
    Daemon a = Daemon.start(TestConfigs.node(dir, db, "node-a", jobs), Clock.systemUTC());
    a.scheduler().quartz().triggerJob(JobKey.jobKey("flaky", "chime"));
    await().atMost(Duration.ofSeconds(20)).until(() -> db.count("SELECT count(*) FROM chime_run WHERE outcome = 'failed'") == 1);
    a.stop();
    assertThat(db.count("SELECT count(*) FROM qrtz_triggers WHERE trigger_group = 'chime-retry'")).as("attempt 2 waits in the store").isEqualTo(1);

    Daemon b = Daemon.start(TestConfigs.node(dir, db, "node-b", jobs), Clock.systemUTC());
    try {
      await().atMost(Duration.ofSeconds(40)).until(() -> db.count("SELECT count(*) FROM chime_run WHERE outcome = 'failed'") == 3);
    } finally {
      b.stop();
    }
    List<List<Object>> runs = db.query("SELECT attempt, node, trigger, output FROM chime_run ORDER BY attempt");
    assertThat(runs).extracting(r -> r.subList(0, 3)).containsExactly(
        List.of(1, "node-a", "schedule"), List.of(2, "node-b", "retry"), List.of(3, "node-b", "retry"));
    String key = ((String) runs.get(0).get(3)).split(" ")[0];
    assertThat(runs).allSatisfy(r -> assertThat((String) r.get(3)).startsWith(key + " attempt=" + r.get(0)));
    assertThat(db.count("SELECT count(DISTINCT scheduled_at) FROM chime_run")).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM qrtz_triggers WHERE trigger_group = 'chime-retry'")).as("no fourth attempt").isZero();
  }

  @Test
  void jitterDelaysEachScheduledFireAndIsRecorded() {
    String jobs = "spread { cron = \"* * * * * ?\", overlap = allow, jitter = 700ms, command.args = [\"true\"] }";
    Daemon a = Daemon.start(TestConfigs.node(dir, db, "node-a", jobs), Clock.systemUTC());
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> db.count("SELECT count(*) FROM chime_run WHERE outcome = 'succeeded'") >= 5);
    } finally {
      a.stop();
    }
    List<List<Object>> runs = db.query("""
        SELECT coalesce(delay_ms, 0), extract(epoch FROM started_at - scheduled_at) * 1000 FROM chime_run WHERE outcome = 'succeeded'
        """);
    assertThat(runs).allSatisfy(r -> {
      long delay = ((Number) r.get(0)).longValue();
      assertThat(delay).isBetween(0L, 700L);
      assertThat(((Number) r.get(1)).doubleValue()).isGreaterThanOrEqualTo(delay);
    });
    assertThat(runs).anySatisfy(r -> assertThat(((Number) r.get(0)).longValue()).isPositive());
  }
}
