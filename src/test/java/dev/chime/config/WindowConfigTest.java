package dev.chime.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chime.schedule.FireTimes;
import dev.chime.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Windows, excluded dates and calendars: read from config, applied to the next fire times. */
class WindowConfigTest {

  @TempDir Path dir;

  private ChimeConfig load(String hocon) {
    return ConfigLoader.load(TestConfigs.write(dir, "chime.conf", hocon));
  }

  @Test
  void excludedDatesComeFromTheJobAndFromCalendarFilesAndLists() throws Exception {
    Files.writeString(dir.resolve("holidays.txt"), "# public holidays\n2026-12-25\n2027-01-01  # new year\n");
    ChimeConfig config = load("""
        chime {
          calendars { holidays = "holidays.txt", closures = ["2026-12-31"] }
          jobs.daily {
            cron = "0 0 2 * * ?"
            time-zone = "Europe/Paris"
            not-before = "2026-12-20"
            not-after = "2027-01-03T12:00:00Z"
            exclude-dates = ["2026-12-24"]
            exclude-calendars = [holidays, closures]
            command.args = ["true"]
          }
        }
        """);
    JobSpec job = config.job("daily").orElseThrow();
    JobPolicies.Window window = job.policies().window();
    assertThat(window.excludedDates()).containsExactly(LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-25"),
        LocalDate.parse("2026-12-31"), LocalDate.parse("2027-01-01"));
    assertThat(window.notBefore()).contains(Instant.parse("2026-12-19T23:00:00Z"));
    assertThat(FireTimes.next(job, Instant.parse("2026-12-01T00:00:00Z"), 20)).containsExactly(
        Instant.parse("2026-12-20T01:00:00Z"), Instant.parse("2026-12-21T01:00:00Z"), Instant.parse("2026-12-22T01:00:00Z"),
        Instant.parse("2026-12-23T01:00:00Z"), Instant.parse("2026-12-26T01:00:00Z"), Instant.parse("2026-12-27T01:00:00Z"),
        Instant.parse("2026-12-28T01:00:00Z"), Instant.parse("2026-12-29T01:00:00Z"), Instant.parse("2026-12-30T01:00:00Z"),
        Instant.parse("2027-01-02T01:00:00Z"), Instant.parse("2027-01-03T01:00:00Z"));
  }

  @Test
  void windowMistakesAreReported() {
    try {
      load("""
          chime.jobs.a {
            cron = "@daily"
            not-before = "2027-01-01"
            not-after = "2026-01-01"
            exclude-dates = ["25/12/2026"]
            exclude-calendars = nope
            command.args = ["true"]
          }
          """);
    } catch (InvalidConfigException e) {
      assertThat(e.problems()).extracting(p -> p.path() + ": " + p.message()).containsExactlyInAnyOrder(
          "jobs.a.not-after: must be after not-before (2027-01-01T00:00:00Z), found 2026-01-01T00:00:00Z",
          "jobs.a.exclude-dates: expected dates such as 2026-12-25, found '25/12/2026'",
          "jobs.a.exclude-calendars: unknown calendar 'nope'; defined under chime.calendars: none");
      return;
    }
    throw new AssertionError("expected problems");
  }

  @Test
  void unreadableCalendarFileIsAProblem() {
    try {
      load("chime.calendars.holidays = \"missing.txt\"");
    } catch (InvalidConfigException e) {
      assertThat(e.problems()).singleElement().asString().contains("calendars.holidays: cannot read calendar file");
      return;
    }
    throw new AssertionError("expected problems");
  }

  @Test
  void policiesTakeTheirDefaultsAndJobOverrides() {
    ChimeConfig config = load("""
        chime {
          job-defaults { overlap = queue, retry.attempts = 2 }
          jobs.a { cron = "@daily", misfire = run-all, max-catch-up = 4, retry { backoff = 5s }, command.args = ["true"] }
        }
        """);
    JobPolicies p = config.job("a").orElseThrow().policies();
    assertThat(p.misfire()).isEqualTo(JobPolicies.Misfire.RUN_ALL);
    assertThat(p.maxCatchUp()).isEqualTo(4);
    assertThat(p.overlap()).isEqualTo(JobPolicies.Overlap.QUEUE);
    assertThat(p.retry().attempts()).isEqualTo(2);
    assertThat(p.retry().backoff()).hasSeconds(5);
    assertThat(p.retry().backoffBefore(2)).hasSeconds(5);
    assertThat(p.retry().backoffBefore(3)).hasSeconds(10);
    assertThat(p.retry().on()).isEqualTo(List.of("failed", "timed_out"));
  }
}
