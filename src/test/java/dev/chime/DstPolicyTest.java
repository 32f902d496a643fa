package dev.chime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chime.testing.TestConfigs;
import dev.chime.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fires a dst policy adds live in the clustered store and run like the cron's own. */
class DstPolicyTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @TempDir Path dir;
  private final TestDatabase db = TestDatabase.create();

  /** The next last Sunday of {@code month} (Europe's transition day) at {@code time}, Paris time, after now. */
  private static Instant nextTransitionDay(int month, LocalTime time, int offsetHours) {
    for (int year = LocalDate.now(PARIS).getYear(); ; year++) {
      LocalDate day = LocalDate.of(year, month, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.SUNDAY));
      Instant at = day.atTime(time).toInstant(java.time.ZoneOffset.ofHours(offsetHours));
      if (at.isAfter(Instant.now())) {
        return at;
      }
    }
  }

  private String jobs(String dst) {
    return "night { cron = \"0 30 2 * * ?\", time-zone = \"Europe/Paris\", dst { %s }, command.args = [\"sh\", \"-c\", \"echo $CHIME_SCHEDULED_FIRE_TIME\"] }"
        .formatted(dst);
  }

  @Test
  void addedFiresArePlannedAsTriggersAndFollowPolicyChanges() {
    Daemon.start(TestConfigs.node(dir, db, "node-a", jobs("gap = shift, overlap = twice")), Clock.systemUTC()).stop();
    Instant shifted = nextTransitionDay(3, LocalTime.of(3, 0), 2);
    Instant firstOfTwo = nextTransitionDay(10, LocalTime.of(2, 30), 2);
    assertThat(db.query("SELECT trigger_name FROM qrtz_triggers WHERE trigger_group = 'chime-dst' ORDER BY next_fire_time"))
        .containsExactlyInAnyOrder(List.of("night@" + shifted.toEpochMilli()), List.of("night@" + firstOfTwo.toEpochMilli()));

    Daemon.start(TestConfigs.node(dir, db, "node-a", jobs("gap = skip, overlap = twice")), Clock.systemUTC()).stop();
    assertThat(db.query("SELECT trigger_name FROM qrtz_triggers WHERE trigger_group = 'chime-dst'"))
        .containsExactly(List.of("night@" + firstOfTwo.toEpochMilli()));
  }

  @Test
  void anAddedFireRunsUnderItsOwnScheduledTime() {
    Daemon.start(TestConfigs.node(dir, db, "node-a", jobs("gap = shift")), Clock.systemUTC()).stop();
    Instant shifted = nextTransitionDay(3, LocalTime.of(3, 0), 2);
    // Bring that fire forward to now, as if its day had come.
    db.execute("UPDATE qrtz_triggers SET next_fire_time = " + System.currentTimeMillis() + " WHERE trigger_group = 'chime-dst'");
    Daemon node = Daemon.start(TestConfigs.node(dir, db, "node-a", jobs("gap = shift")), Clock.systemUTC());
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> db.count("SELECT count(*) FROM chime_run WHERE outcome = 'succeeded'") == 1);
    } finally {
      node.stop();
    }
    assertThat(db.query("SELECT trigger, scheduled_at = '" + shifted + "'::timestamptz, output FROM chime_run"))
        .containsExactly(List.of("schedule", true, shifted + "\n"));
    assertThat(ZonedDateTime.ofInstant(shifted, PARIS).toLocalTime()).isEqualTo(LocalTime.of(3, 0));
  }
}
