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

/** A job slower than its period (runs 3 s, fires every 1 s) on two nodes, under each overlap policy. */
class OverlapPolicyTest {

  @TempDir Path dir;
  private final TestDatabase db = TestDatabase.create();

  private void runTwoNodes(String overlap, int until) {
    String jobs = "slow { cron = \"* * * * * ?\", overlap = %s, command.args = [\"sleep\", \"3\"] }".formatted(overlap);
    Daemon a = Daemon.start(TestConfigs.node(dir, db, "node-a", jobs), Clock.systemUTC());
    Daemon b = Daemon.start(TestConfigs.node(dir, db, "node-b", jobs), Clock.systemUTC());
    try {
      await().atMost(Duration.ofSeconds(60)).until(
          () -> db.count("SELECT count(*) FROM chime_run WHERE outcome = 'succeeded'") >= until);
    } finally {
      a.stop();
      b.stop();
    }
  }

  /** Pairs of runs (not skipped) whose run times overlap. */
  private long overlappingPairs() {
    return db.count("""
        SELECT count(*) FROM chime_run x JOIN chime_run y ON x.id < y.id
        WHERE x.outcome NOT IN ('skipped', 'interrupted') AND y.outcome NOT IN ('skipped', 'interrupted')
          AND x.started_at < y.ended_at AND y.started_at < x.ended_at
        """);
  }

  @Test
  void forbidSkipsFiresThatComeWhileTheJobRuns() {
    runTwoNodes("forbid", 3);
    assertThat(overlappingPairs()).isZero();
    assertThat(db.count("SELECT count(*) FROM chime_run WHERE outcome = 'skipped' "
        + "AND error LIKE 'run % was still running at this fire''s time (overlap = forbid)'")).isGreaterThanOrEqualTo(2);
    assertThat(db.query("SELECT scheduled_at FROM chime_run GROUP BY 1 HAVING count(*) > 1")).isEmpty();
  }

  @Test
  void queueRunsOneWaitingFireRightAfterAndDropsTheBacklog() {
    runTwoNodes("queue", 3);
    assertThat(overlappingPairs()).isZero();
    assertThat(db.count("SELECT count(*) FROM chime_run WHERE outcome = 'skipped' AND error LIKE '%overlap = queue keeps one waiting'"))
        .isGreaterThanOrEqualTo(1);
    // The waiting fire starts right after the previous run ends, on whichever node.
    List<List<Object>> gaps = db.query("""
        SELECT extract(epoch FROM y.started_at - x.ended_at) FROM chime_run x JOIN chime_run y
          ON y.id = (SELECT min(id) FROM chime_run z WHERE z.id > x.id AND z.outcome = 'succeeded')
        WHERE x.outcome = 'succeeded'
        """);
    assertThat(gaps).isNotEmpty().allSatisfy(gap -> assertThat(((Number) gap.get(0)).doubleValue()).isLessThan(2.5));
  }

  @Test
  void allowRunsFiresConcurrently() {
    runTwoNodes("allow", 4);
    assertThat(overlappingPairs()).isGreaterThan(0);
    assertThat(db.count("SELECT count(*) FROM chime_run WHERE outcome = 'skipped'")).isZero();
  }
}
