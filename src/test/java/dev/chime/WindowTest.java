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
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running node honours a job's excluded dates and its not-before / not-after window. */
class WindowTest {

  @TempDir Path dir;
  private final TestDatabase db = TestDatabase.create();

  @Test
  void firesOnExcludedDatesAreSkippedNotRun() {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    String jobs = "tick { cron = \"* * * * * ?\", time-zone = UTC, exclude-dates = [\"%s\", \"%s\"], command.args = [\"true\"] }"
        .formatted(today, today.plusDays(1));
    Daemon node = Daemon.start(TestConfigs.node(dir, db, "node-a", jobs), Clock.systemUTC());
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> db.count("SELECT count(*) FROM chime_run") >= 3);
    } finally {
      node.stop();
    }
    assertThat(db.query("SELECT DISTINCT outcome, error FROM chime_run")).isNotEmpty().isSubsetOf(
        List.of("skipped", "excluded date " + today), List.of("skipped", "excluded date " + today.plusDays(1)));
  }

  @Test
  void aWindowThatHasEndedLeavesTheJobWithoutATriggerAndOneNotYetOpenStartsLater() {
    Instant past = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    Instant future = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    String jobs = """
        over { cron = "* * * * * ?", not-after = "%s", command.args = ["true"] }
        later { cron = "* * * * * ?", not-before = "%s", command.args = ["true"] }
        """.formatted(past, future);
    Daemon node = Daemon.start(TestConfigs.node(dir, db, "node-a", jobs), Clock.systemUTC());
    try {
      assertThat(db.query("SELECT trigger_name FROM qrtz_triggers WHERE trigger_group = 'chime'")).containsExactly(List.of("later"));
      assertThat(db.count("SELECT next_fire_time FROM qrtz_triggers WHERE trigger_name = 'later'"))
          .isGreaterThanOrEqualTo(future.toEpochMilli());
      assertThat(db.count("SELECT count(*) FROM qrtz_job_details WHERE job_name = 'over'")).isEqualTo(1);
    } finally {
      node.stop();
    }
  }
}
