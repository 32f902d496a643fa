package dev.chime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chime.testing.TestConfigs;
import dev.chime.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every node down across fire times, then two nodes up: each misfire policy is applied once,
 * cluster-wide. The outage is made explicit: with the nodes stopped, the trigger's next fire time
 * is set back to 1 January 2020, so a yearly job (1 January, 12:00 UTC) has missed every year since.
 */
class MisfirePolicyTest {

  private static final Instant FIRST_MISSED = Instant.parse("2020-01-01T12:00:00Z");

  @TempDir Path dir;
  private final TestDatabase db = TestDatabase.create();
  private final List<Daemon> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    nodes.forEach(Daemon::stop);
  }

  private void outageThenTwoNodes(String misfire) {
    String jobs = """
        yearly {
          cron = "0 0 12 1 1 ?"
          misfire = %s
          max-catch-up = 3
          command.args = ["sh", "-c", "echo from=$CHIME_COVERED_FROM to=$CHIME_COVERED_TO key=$CHIME_IDEMPOTENCY_KEY"]
        }
        """.formatted(misfire);
    String cluster = "cluster.misfire-threshold = 1s";
    Daemon.start(TestConfigs.node(dir, db, "node-a", cluster, jobs), Clock.systemUTC()).stop();
    // The trigger existed before the outage (Quartz never fires a trigger before its start time).
    db.execute("UPDATE qrtz_triggers SET next_fire_time = " + FIRST_MISSED.toEpochMilli() + ", start_time = "
        + FIRST_MISSED.minus(Duration.ofDays(400)).toEpochMilli() + " WHERE trigger_name = 'yearly'");
    db.execute("""
        INSERT INTO chime_run (cluster, job, scheduled_at, started_at, ended_at, node, attempt, trigger, outcome)
        VALUES ('chime', 'yearly', '2019-01-01T12:00:00Z', '2019-01-01T12:00:00Z', '2019-01-01T12:00:01Z', 'old', 1, 'schedule', 'succeeded')
        """);
    nodes.add(Daemon.start(TestConfigs.node(dir, db, "node-a", cluster, jobs), Clock.systemUTC()));
    nodes.add(Daemon.start(TestConfigs.node(dir, db, "node-b", cluster, jobs), Clock.systemUTC()));
  }

  /** Every 1 January 12:00 UTC from 2020 up to now. */
  private static List<Instant> missedFires() {
    List<Instant> fires = new ArrayList<>();
    for (Instant at = FIRST_MISSED; !at.isAfter(Instant.now());
        at = LocalDate.ofInstant(at, ZoneOffset.UTC).plusYears(1).atTime(12, 0).toInstant(ZoneOffset.UTC)) {
      fires.add(at);
    }
    return fires;
  }

  private long nextFireTime() {
    return db.count("SELECT next_fire_time FROM qrtz_triggers WHERE trigger_name = 'yearly'");
  }

  @Test
  void runOnceRunsOneCatchUpCoveringTheGap() {
    outageThenTwoNodes("run-once");
    await().atMost(Duration.ofSeconds(30)).until(() -> db.count(
        "SELECT count(*) FROM chime_run WHERE job = 'yearly' AND trigger = 'catch_up' AND outcome = 'succeeded'") == 1);
    stop();
    nodes.clear();

    List<Instant> missed = missedFires();
    Instant latest = missed.get(missed.size() - 1);
    assertThat(db.query("SELECT trigger, scheduled_at::text, covered_from::text, covered_to::text, output FROM chime_run "
        + "WHERE node <> 'old'")).containsExactly(List.of("catch_up", text(latest), "2019-01-01 12:00:00+00", text(latest),
            "from=2019-01-01T12:00:00Z to=" + latest + " key=yearly@" + latest + "\n"));
    assertThat(nextFireTime()).isGreaterThan(System.currentTimeMillis());
  }

  @Test
  void skipRunsNothingAndWaitsForTheNextRegularTime() {
    outageThenTwoNodes("skip");
    await().atMost(Duration.ofSeconds(30)).until(() -> nextFireTime() > System.currentTimeMillis());
    stop();
    nodes.clear();
    assertThat(db.count("SELECT count(*) FROM chime_run WHERE node <> 'old'")).isZero();
  }

  @Test
  void runAllRunsEveryMissedFireUpToMaxCatchUpAndSkipsTheOldest() {
    outageThenTwoNodes("run-all");
    List<Instant> missed = missedFires();
    await().atMost(Duration.ofSeconds(60)).until(() -> db.count(
        "SELECT count(*) FROM chime_run WHERE node <> 'old' AND outcome IN ('succeeded', 'skipped')") == missed.size());
    stop();
    nodes.clear();

    List<Instant> ran = missed.subList(missed.size() - 3, missed.size());
    assertThat(db.query("SELECT scheduled_at::text FROM chime_run WHERE node <> 'old' AND outcome = 'succeeded' ORDER BY scheduled_at"))
        .containsExactlyElementsOf(ran.stream().map(at -> List.<Object>of(text(at))).toList());
    assertThat(db.query("SELECT DISTINCT trigger FROM chime_run WHERE node <> 'old'")).containsExactly(List.of("catch_up"));
    assertThat(db.count("SELECT count(*) FROM chime_run WHERE outcome = 'skipped' AND error LIKE '%beyond max-catch-up 3%'"))
        .isEqualTo(missed.size() - 3);
    assertThat(db.query("SELECT scheduled_at FROM chime_run GROUP BY 1 HAVING count(*) > 1")).as("no fire twice").isEmpty();
  }

  private static String text(Instant at) {
    return at.atOffset(ZoneOffset.UTC).toLocalDateTime().toString().replace('T', ' ') + ":00+00";
  }
}
