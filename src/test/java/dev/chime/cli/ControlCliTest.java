package dev.chime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chime.config.ChimeConfig;
import dev.chime.config.ConfigLoader;
import dev.chime.schedule.Reconciler;
import dev.chime.testing.TestConfigs;
import dev.chime.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator controls' refusals, records and output, in process, against a real PostgreSQL (no node running). */
class ControlCliTest {

  private static final String JOBS = """
      nightly { cron = "0 30 2 * * ?", time-zone = "Europe/Paris", parameters { mode = full, limit = 10 }, command.args = ["true"] }
      off { cron = "@daily", enabled = false, command.args = ["true"] }
      """;

  @TempDir Path dir;
  private final TestDatabase db = TestDatabase.create();
  private Path file;
  private String out;
  private String err;

  @BeforeEach
  void reconcile() {
    file = config(JOBS);
    apply(file);
  }

  private Path config(String jobs) {
    return TestConfigs.write(dir, "chime.conf", """
        chime {
          database { url = "%s", user = "postgres" }
          jobs { %s }
        }
        """.formatted(db.url(), jobs));
  }

  private static void apply(Path file) {
    ChimeConfig config = ConfigLoader.load(file);
    try (StoreClient client = StoreClient.open(config)) {
      new Reconciler(client.scheduler, client.store.dataSource()).reconcile(config.jobs());
    }
  }

  private int chime(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--config", file.toString()))
        .toArray(String[]::new);
    int code = Main.execute(new PrintWriter(o, true), new PrintWriter(e, true), all);
    out = o.toString();
    err = e.toString();
    return code;
  }

  private long triggers() {
    return db.count("SELECT count(*) FROM qrtz_triggers");
  }

  @Test
  void unknownJobsParametersAndPastTimesAreRefusedWithExitTwoAndChangeNothing() {
    long before = triggers();
    String future = Instant.now().plusSeconds(3600).toString();
    for (String[] args : new String[][] {{"pause", "nope"}, {"resume", "nope"}, {"trigger", "nope"},
        {"schedule", "nope", "--at", future}, {"next", "nope"}}) {
      assertThat(chime(args)).as(String.join(" ", args)).isEqualTo(2);
      assertThat(err).contains("chime: unknown job 'nope'; jobs in the store: nightly, off");
    }
    assertThat(chime("trigger", "nightly", "--param", "mood=happy")).isEqualTo(2);
    assertThat(err).contains("job 'nightly' has no parameter 'mood'; it declares: limit, mode");
    assertThat(chime("schedule", "off", "--at", future, "--param", "x=1")).isEqualTo(2);
    assertThat(err).contains("job 'off' has no parameter 'x'; it declares none");
    assertThat(chime("schedule", "nightly", "--at", "2020-01-01T00:00:00Z")).isEqualTo(2);
    assertThat(err).contains("a one-off run at 2020-01-01T00:00:00Z is in the past (now ");
    assertThat(chime("pause", "nightly", "--until", "2020-01-01T01:00:00+01:00")).isEqualTo(2);
    assertThat(err).contains("a pause until 2020-01-01T00:00:00Z is in the past");
    assertThat(chime("schedule", "nightly", "--at", "tomorrow")).isEqualTo(2);
    assertThat(err).contains("'tomorrow' is not an ISO-8601 instant");
    assertThat(chime("pause")).isEqualTo(2);
    assertThat(err).contains("give either a JOB or --all");

    assertThat(triggers()).isEqualTo(before);
    assertThat(db.count("SELECT count(*) FROM chime_one_off")).isZero();
    assertThat(db.count("SELECT count(*) FROM chime_pause")).isZero();
  }

  @Test
  void aDisabledJobCannotBePausedAndResumingAnUnpausedJobSaysSo() {
    assertThat(chime("pause", "off")).isEqualTo(1);
    assertThat(err).contains("job 'off' is disabled (enabled = false): it has no trigger to pause");
    assertThat(chime("resume", "nightly")).isZero();
    assertThat(out).contains("job 'nightly' is not paused; nothing to resume");
    assertThat(chime("pause", "--all", "--reason", "freeze")).isZero();
    assertThat(out).contains("paused job 'nightly'", "job 'off' is disabled (enabled = false); not paused");
    assertThat(chime("resume", "--all")).isZero();
    assertThat(out).contains("resumed job 'nightly'").doesNotContain("off");
  }

  @Test
  void aReconcileKeepsThePauseAndItsRecordWhetherTheCronChangesOrNot() throws Exception {
    String until = Instant.now().plusSeconds(86_400).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    assertThat(chime("pause", "nightly", "--reason", "vendor outage", "--until", until, "--by", "carol")).isZero();
    assertThat(out).contains("paused job 'nightly' by carol until " + until + ": vendor outage");

    apply(file);
    assertPaused(until);
    file = config(JOBS.replace("0 30 2 * * ?", "0 45 3 * * ?"));
    apply(file);
    assertPaused(until);
    assertThat(chime("jobs")).isZero();
    assertThat(out).contains("0 45 3 * * ?", "paused", "carol", "vendor outage");

    assertThat(chime("resume", "nightly")).isZero();
    assertThat(db.count("SELECT count(*) FROM qrtz_triggers WHERE trigger_group = 'chime-system'")).isZero();
    assertThat(chime("jobs", "--output", "json")).isZero();
    assertThat(new ObjectMapper().readTree(out).get(0).get("state").asText()).isEqualTo("normal");
  }

  private void assertPaused(String until) throws Exception {
    assertThat(chime("jobs", "--output", "json")).isZero();
    JsonNode nightly = new ObjectMapper().readTree(out).get(0);
    assertThat(nightly.get("state").asText()).isEqualTo("paused");
    assertThat(nightly.get("pause").get("by").asText()).isEqualTo("carol");
    assertThat(nightly.get("pause").get("reason").asText()).isEqualTo("vendor outage");
    assertThat(nightly.get("pause").get("until").asText()).isEqualTo(until);
    assertThat(db.count("SELECT count(*) FROM qrtz_triggers WHERE trigger_group = 'chime-system'")).as("pending expiry").isOne();
  }

  @Test
  void triggerWithoutANodeIsQueuedAndEveryCommandHasHelp() {
    assertThat(chime("trigger", "nightly", "--param", "mode=quick", "--wait", "0")).isZero();
    assertThat(out).matches("queued as request [0-9a-f-]{36}; no node has started it yet\\R");
    for (String command : new String[] {"pause", "resume", "trigger", "schedule", "scheduled", "cancel", "next"}) {
      assertThat(chime(command, "--help")).as(command).isZero();
      assertThat(out).contains("Usage: chime " + command, "--config");
    }
  }

  @Test
  void cancelOfAnUnknownOneOffIsRefused() {
    assertThat(chime("cancel", "no-such-id")).isEqualTo(1);
    assertThat(err).contains("no one-off run 'no-such-id'");
    assertThat(chime("scheduled", "--status", "done")).isEqualTo(2);
    assertThat(err).contains("--status 'done' is not one of pending, fired, cancelled");
  }

  @Test
  void nextMarksTheFiresDaylightSavingTimeRemovesOrDoubles() throws Exception {
    assertThat(chime("next", "nightly", "--from", "2026-03-28T12:00:00Z", "--count", "2")).isZero();
    assertThat(out).isEqualTo("""
        nightly: cron '0 30 2 * * ?' in Europe/Paris
          2026-03-29 02:30 (not fired)  removed by DST gap: 02:30 does not exist on 2026-03-29
          2026-03-30 02:30:00+02:00
          2026-03-31 02:30:00+02:00
        """);
    assertThat(chime("next", "nightly", "--from", "2026-10-24T12:00:00Z", "--count", "1", "--output", "json")).isZero();
    JsonNode fire = new ObjectMapper().readTree(out).get("fires").get(0);
    assertThat(fire.get("at").asText()).isEqualTo("2026-10-25T01:30:00Z");
    assertThat(fire.get("dst").asText()).isEqualTo("OVERLAP_ONCE");
    assertThat(fire.get("note").asText()).contains("fires once, at the later one (+01:00)");
  }
}
