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
}
