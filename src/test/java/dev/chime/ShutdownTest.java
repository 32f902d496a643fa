package dev.chime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chime.config.ChimeConfig;
import dev.chime.testing.TestConfigs;
import dev.chime.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobKey;

/**
 * A stopping node lets running jobs finish within the shutdown timeout; a job still running then is
 * recorded interrupted and its fire stays in the store, where another node recovers it.
 */
class ShutdownTest {

  /** Never fires on its own; the tests fire it through Quartz. */
  private static final String NEVER = "0 0 0 1 1 ? 2099";

  @TempDir Path dir;
  private final TestDatabase db = TestDatabase.create();

  private ChimeConfig node(String name, String shutdownTimeout, String command) {
    return TestConfigs.node(dir, db, name, "shutdown-timeout = " + shutdownTimeout,
        "work { cron = \"%s\", command.args = [\"sh\", \"-c\", \"%s\"] }".formatted(NEVER, command));
  }

  private void fire(Daemon node) throws Exception {
    node.scheduler().quartz().triggerJob(JobKey.jobKey("work", "chime"));
  }

  private String outcome() {
    return (String) db.query("SELECT outcome FROM chime_run ORDER BY id LIMIT 1").get(0).get(0);
  }

  @Test
  void runThatFinishesWithinTheTimeoutIsWaitedFor() throws Exception {
    Daemon a = Daemon.start(node("node-a", "20s", "sleep 1; echo done"), Clock.systemUTC());
    fire(a);
    await().atMost(Duration.ofSeconds(10)).until(() -> db.count("SELECT count(*) FROM chime_run") == 1);

    a.stop();

    assertThat(outcome()).isEqualTo("succeeded");
    assertThat(db.count("SELECT count(*) FROM qrtz_fired_triggers")).isZero();
  }

  @Test
  void runStillGoingAtTheTimeoutIsInterruptedAndRecoveredByAnotherNode() throws Exception {
    String command = "echo key=$CHIME_IDEMPOTENCY_KEY; if [ $CHIME_ATTEMPT = 1 ]; then exec sleep 60; fi; echo recovered";
    Daemon a = Daemon.start(node("node-a", "500ms", command), Clock.systemUTC());
    fire(a);
    await().atMost(Duration.ofSeconds(10)).until(() -> db.count("SELECT count(*) FROM chime_run") == 1);

    a.stop();

    assertThat(outcome()).isEqualTo("interrupted");
    assertThat(db.query("SELECT instance_name, requests_recovery FROM qrtz_fired_triggers"))
        .as("the fire stays in the store for recovery").containsExactly(List.of("node-a", true));

    Daemon b = Daemon.start(node("node-b", "5s", command), Clock.systemUTC());
    try {
      await().atMost(Duration.ofSeconds(40)).until(
          () -> db.count("SELECT count(*) FROM chime_run WHERE attempt = 2 AND outcome = 'succeeded'") == 1);
    } finally {
      b.stop();
    }
    List<List<Object>> runs = db.query(
        "SELECT attempt, node, trigger, outcome, scheduled_at, output FROM chime_run ORDER BY attempt");
    assertThat(runs).hasSize(2);
    assertThat(runs.get(1).subList(0, 4)).containsExactly(2, "node-b", "recovery", "succeeded");
    assertThat(runs.get(1).get(4)).as("same scheduled fire").isEqualTo(runs.get(0).get(4));
    String key = ((String) runs.get(0).get(5)).lines().findFirst().orElseThrow();
    assertThat((String) runs.get(1).get(5)).startsWith(key + "\n").contains("recovered");
    assertThat(db.count("SELECT count(*) FROM qrtz_fired_triggers")).isZero();
  }
}
