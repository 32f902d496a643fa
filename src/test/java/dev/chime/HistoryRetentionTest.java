package dev.chime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chime.config.ChimeConfig;
import dev.chime.store.Migrations;
import dev.chime.testing.TestConfigs;
import dev.chime.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history purge runs once per fire in a two-node cluster and deletes in bounded batches. */
class HistoryRetentionTest {

  @TempDir Path dir;
  private final TestDatabase db = TestDatabase.create();

  @Test
  void purgeRunsOnceInTheClusterAndDeletesOldRunsInBatches() {
    Migrations.migrate(db.dataSource(), "chime");
    db.execute("""
        INSERT INTO chime_run (cluster, job, scheduled_at, started_at, ended_at, node, attempt, trigger, outcome)
        SELECT 'chime', 'old', now() - interval '40 days' - g * interval '1 minute', now() - interval '40 days',
               now() - interval '40 days', 'n', 1, 'schedule', 'succeeded' FROM generate_series(1, 2500) g
        UNION ALL
        SELECT 'chime', 'recent', now() - interval '2 days' - g * interval '1 minute', now() - interval '2 days',
               now() - interval '2 days', 'n', 1, 'schedule', 'succeeded' FROM generate_series(1, 10) g
        UNION ALL
        SELECT 'other', 'old', now() - interval '40 days', now() - interval '40 days', NULL, 'n', 1, 'schedule', 'succeeded'
        """);
    String settings = "history { retention = 30d, purge-cron = \"0/2 * * * * ?\", purge-batch-size = 1000 }";
    ChimeConfig a = TestConfigs.node(dir, db, "node-a", settings, "");
    ChimeConfig b = TestConfigs.node(dir, db, "node-b", settings, "");
    Daemon nodeA = Daemon.start(a, Clock.systemUTC());
    Daemon nodeB = Daemon.start(b, Clock.systemUTC());
    try {
      await().atMost(Duration.ofSeconds(30)).until(
          () -> db.count("SELECT count(*) FROM chime_purge WHERE ended_at IS NOT NULL") >= 3);
    } finally {
      nodeA.stop();
      nodeB.stop();
    }

    assertThat(db.query("SELECT job, count(*) FROM chime_run GROUP BY job ORDER BY job"))
        .containsExactly(List.of("old", 1L), List.of("recent", 10L));
    assertThat(db.query("SELECT cluster FROM chime_run WHERE job = 'old'")).containsExactly(List.of("other"));
    assertThat(db.query("SELECT scheduled_at FROM chime_purge GROUP BY 1 HAVING count(*) > 1"))
        .as("each purge fire ran on one node only").isEmpty();
    assertThat(db.query("SELECT deleted, batches FROM chime_purge ORDER BY id LIMIT 1"))
        .containsExactly(List.of(2500L, 3));
  }
}
