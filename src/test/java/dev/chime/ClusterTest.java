package dev.chime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.chime.testing.TestConfigs;
import dev.chime.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import dev.chime.config.ChimeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two scheduler instances on one database: every scheduled fire runs exactly once between them. */
class ClusterTest {

  private static final int FIRES = 30;

  @TempDir Path dir;
  private final TestDatabase db = TestDatabase.create();

  @Test
  void twoNodesRunEveryScheduledFireExactlyOnce() {
    String jobs = """
        tick-1 { cron = "* * * * * ?", command.args = ["true"] }
        tick-2 { cron = "* * * * * ?", command.args = ["true"] }
        tick-3 { cron = "* * * * * ?", command.args = ["true"] }
        """;
    Daemon a = Daemon.start(TestConfigs.node(dir, db, "node-a", jobs), Clock.systemUTC());
    Daemon b = Daemon.start(TestConfigs.node(dir, db, "node-b", jobs), Clock.systemUTC());
    try {
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(
          () -> db.count("SELECT count(DISTINCT scheduled_at) FROM chime_run WHERE job = 'tick-1' AND outcome <> 'running'") >= FIRES);
    } finally {
      a.stop();
      b.stop();
    }

    assertThat(db.query("SELECT job, scheduled_at, count(*) FROM chime_run GROUP BY 1, 2 HAVING count(*) > 1"))
        .as("fires run more than once").isEmpty();
    for (String job : List.of("tick-1", "tick-2", "tick-3")) {
      List<Object> span = db.query(
          "SELECT min(scheduled_at)::text, max(scheduled_at)::text, count(*), "
              + "extract(epoch FROM max(scheduled_at) - min(scheduled_at))::bigint + 1 "
              + "FROM chime_run WHERE job = '" + job + "'").get(0);
      assertThat(span.get(2)).as("%s: one run per second from %s to %s, no gap", job, span.get(0), span.get(1))
          .isEqualTo(span.get(3));
    }
    assertThat(db.query("SELECT DISTINCT outcome FROM chime_run")).containsExactly(List.of("succeeded"));
    List<List<Object>> perNode = db.query("SELECT node, count(*) FROM chime_run GROUP BY node ORDER BY node");
    System.out.println("ClusterTest: runs per node " + perNode);
    assertThat(db.query("SELECT node FROM chime_run GROUP BY node ORDER BY node"))
        .as("both nodes ran fires").containsExactly(List.of("node-a"), List.of("node-b"));
    assertThat(db.count("SELECT count(*) FROM qrtz_triggers WHERE trigger_state IN ('BLOCKED', 'ACQUIRED')"))
        .as("no trigger left stuck").isZero();
  }

  @Test
  void threeNodesStartingTogetherOnAnEmptyDatabaseAllComeUp() throws Exception {
    String jobs = "a { cron = \"@hourly\", command.args = [\"true\"] }\n b { cron = \"@daily\", command.args = [\"true\"] }";
    List<ChimeConfig> configs = List.of(
        TestConfigs.node(dir, db, "node-a", jobs), TestConfigs.node(dir, db, "node-b", jobs),
        TestConfigs.node(dir, db, "node-c", jobs));
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(3);
    List<Future<Daemon>> starting = new ArrayList<>();
    for (ChimeConfig config : configs) {
      starting.add(threads.submit(() -> {
        go.await();
        return Daemon.start(config, Clock.systemUTC());
      }));
    }
    go.countDown();
    List<Daemon> nodes = new ArrayList<>();
    try {
      for (Future<Daemon> node : starting) {
        nodes.add(node.get(60, TimeUnit.SECONDS));
      }
      await().atMost(Duration.ofSeconds(20)).until(
          () -> db.count("SELECT count(*) FROM qrtz_scheduler_state") == 3);
    } finally {
      nodes.forEach(Daemon::stop);
      threads.shutdown();
    }

    assertThat(db.query("SELECT job_name, count(*) FROM qrtz_triggers WHERE job_group = 'chime' GROUP BY 1 ORDER BY 1"))
        .containsExactly(List.of("a", 1L), List.of("b", 1L));
    assertThat(db.query("SELECT trigger_name, count(*) FROM qrtz_triggers WHERE job_group = 'chime-system' GROUP BY 1 ORDER BY 1"))
        .as("one trigger per system job for the cluster").containsExactly(List.of("dst-plan", 1L), List.of("history-purge", 1L));
    assertThat(db.query("SELECT version FROM chime_schema_history WHERE version IS NOT NULL GROUP BY 1 HAVING count(*) > 1"))
        .as("each migration ran once").isEmpty();
    assertThat(db.count("SELECT count(*) FROM chime_schema_history WHERE success")).isGreaterThanOrEqualTo(3);
    assertThat(db.count("SELECT count(*) FROM qrtz_locks")).isEqualTo(2);
  }

  @Test
  void aSecondLiveNodeWithTheSameIdIsRefused() {
    String jobs = "a { cron = \"@hourly\", command.args = [\"true\"] }";
    Daemon first = Daemon.start(TestConfigs.node(dir, db, "same", jobs), Clock.systemUTC());
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> db.count("SELECT count(*) FROM qrtz_scheduler_state") == 1);
      assertThatThrownBy(() -> Daemon.start(TestConfigs.node(dir, db, "same", jobs), Clock.systemUTC()))
          .isInstanceOf(ChimeException.class)
          .hasMessageContaining("node id 'same' is in use by another running node");
    } finally {
      first.stop();
    }
    Daemon restarted = Daemon.start(TestConfigs.node(dir, db, "same", jobs), Clock.systemUTC());
    restarted.stop();
  }
}
