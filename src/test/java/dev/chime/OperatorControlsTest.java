package dev.chime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chime.cli.Main;
import dev.chime.testing.TestConfigs;
import dev.chime.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operator controls against real nodes: pause and resume, run now and one-off runs, across two nodes. */
class OperatorControlsTest {

  private static final String NEVER = "0 0 0 1 1 ? 2099";

  @TempDir Path dir;
  private final TestDatabase db = TestDatabase.create();
  private final List<Daemon> nodes = new ArrayList<>();
  private String out;
  private String err;

  @AfterEach
  void stop() {
    nodes.forEach(Daemon::stop);
  }

  private void startNodes(String jobs) {
    for (String name : List.of("node-a", "node-b")) {
      nodes.add(Daemon.start(TestConfigs.node(dir, db, name, jobs), Clock.systemUTC()));
    }
  }

  private int chime(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--config", dir.resolve("node-a.conf").toString()));
    int code = Main.execute(new PrintWriter(o, true), new PrintWriter(e, true), all.toArray(String[]::new));
    out = o.toString();
    err = e.toString();
    return code;
  }

  private long runsScheduledBetween(Instant from, Instant to) {
    return db.count("SELECT count(*) FROM chime_run WHERE job = 'tick' AND scheduled_at >= '%s' AND scheduled_at < '%s'"
        .formatted(from, to));
  }

  private long runsScheduledAfter(Instant from) {
    return runsScheduledBetween(from, Instant.parse("2100-01-01T00:00:00Z"));
  }

  @Test
  void pauseStopsAJobOnEveryNodeUntilResumed() throws Exception {
    startNodes("tick { cron = \"* * * * * ?\", command.args = [\"true\"] }");
    Instant started = Instant.now();
    await().atMost(Duration.ofSeconds(15)).until(() -> runsScheduledAfter(started) >= 2);

    assertThat(chime("pause", "tick", "--reason", "db maintenance", "--by", "alice")).isZero();
    assertThat(out).contains("paused job 'tick' by alice: db maintenance");
    Instant paused = Instant.now();
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
        .until(() -> runsScheduledAfter(paused) == 0);

    assertThat(chime("jobs", "--output", "json")).isZero();
    JsonNode job = new ObjectMapper().readTree(out).get(0);
    assertThat(job.get("state").asText()).isEqualTo("paused");
    assertThat(job.get("pause").get("by").asText()).isEqualTo("alice");
    assertThat(job.get("pause").get("reason").asText()).isEqualTo("db maintenance");

    Instant resuming = Instant.now();
    assertThat(chime("resume", "tick")).isZero();
    assertThat(out).contains("resumed job 'tick'");
    await().atMost(Duration.ofSeconds(15)).until(() -> runsScheduledAfter(resuming) >= 2);
    assertThat(runsScheduledBetween(paused, resuming)).as("no fire scheduled while paused ran: paused %s resuming %s %s",
        paused, resuming, db.query("SELECT scheduled_at, started_at, node, trigger FROM chime_run ORDER BY id")).isZero();
    assertThat(chime("resume", "tick")).isZero();
    assertThat(out).contains("job 'tick' is not paused; nothing to resume");
  }

  @Test
  void pauseUntilResumesByItselfOnAnotherNodeWhenThePausingNodeIsGone() throws Exception {
    startNodes("tick { cron = \"* * * * * ?\", command.args = [\"true\"] }");
    Instant until = Instant.now().plusSeconds(4).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    assertThat(chime("pause", "tick", "--until", until.toString())).isZero();
    Instant paused = Instant.now();
    nodes.remove(0).stop();

    await().atMost(Duration.ofSeconds(20)).until(() -> runsScheduledAfter(until) >= 2);
    assertThat(runsScheduledBetween(paused, until)).isZero();
    assertThat(db.count("SELECT count(*) FROM chime_pause")).as("record cleared").isZero();
    assertThat(db.count("SELECT count(*) FROM qrtz_triggers WHERE trigger_group = 'chime-system' "
        + "AND trigger_name LIKE 'pause-expiry.%'")).isZero();
    assertThat(chime("jobs")).isZero();
    assertThat(out).contains("normal");
  }

  @Test
  void triggerRunsOnceInTheClusterWithItsOverridesAndWhoAsked() {
    startNodes("work { cron = \"%s\", parameters { greeting = hello, count = 1 }, command.args = [\"echo\", \"${params.greeting}\"] }"
        .formatted(NEVER));
    assertThat(chime("trigger", "work", "--param", "greeting=bonjour", "--by", "alice")).isZero();
    Matcher started = Pattern.compile("run (\\d+) started on (node-[ab]) \\(request ([0-9a-f-]{36})\\)").matcher(out);
    assertThat(started.find()).as(out).isTrue();

    await().atMost(Duration.ofSeconds(15)).until(
        () -> db.count("SELECT count(*) FROM chime_run WHERE outcome = 'succeeded'") == 1);
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
        .until(() -> db.count("SELECT count(*) FROM chime_run") == 1);
    List<Object> run = db.query("SELECT id, node, trigger, triggered_by, request_id, parameters, output FROM chime_run").get(0);
    assertThat(run.subList(0, 5)).containsExactly(Long.parseLong(started.group(1)), started.group(2), "manual", "alice",
        started.group(3));
    assertThat(run.get(5)).isEqualTo("{\"count\":\"1\",\"greeting\":\"bonjour\"}");
    assertThat(run.get(6)).isEqualTo("bonjour\n");
  }

  @Test
  void oneOffRunsOnceAtItsTimeAndACancelledOneNever() throws Exception {
    startNodes("work { cron = \"%s\", parameters { greeting = hello }, command.args = [\"echo\", \"${params.greeting}\"] }"
        .formatted(NEVER));
    Instant at = Instant.now().plusSeconds(2);
    assertThat(chime("schedule", "work", "--at", at.toString(), "--param", "greeting=hi", "--by", "bob")).isZero();
    String kept = id(out);
    assertThat(chime("schedule", "work", "--at", at.toString())).isZero();
    String cancelled = id(out);
    assertThat(chime("cancel", cancelled)).isZero();
    assertThat(out).contains("cancelled one-off run " + cancelled);
    assertThat(chime("scheduled", "--status", "pending")).isZero();
    assertThat(out).contains(kept, "bob").doesNotContain(cancelled);

    await().atMost(Duration.ofSeconds(15)).until(
        () -> db.count("SELECT count(*) FROM chime_run WHERE request_id = '" + kept + "' AND outcome = 'succeeded'") == 1);
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
        .until(() -> db.count("SELECT count(*) FROM chime_run") == 1);
    List<Object> run = db.query("SELECT id, trigger, triggered_by, output, extract(epoch FROM scheduled_at) * 1000 FROM chime_run").get(0);
    assertThat(run.subList(1, 4)).containsExactly("one_off", "bob", "hi\n");
    assertThat(((Number) run.get(4)).longValue()).as("scheduled at the asked instant").isEqualTo(at.toEpochMilli());

    assertThat(chime("scheduled", "--output", "json")).isZero();
    JsonNode list = new ObjectMapper().readTree(out);
    assertThat(list).extracting(n -> n.get("id").asText() + " " + n.get("status").asText())
        .containsExactlyInAnyOrder(kept + " fired", cancelled + " cancelled");

    assertThat(chime("cancel", kept)).isEqualTo(1);
    assertThat(err).contains("one-off run " + kept + " already fired as run " + run.get(0));
    assertThat(chime("cancel", cancelled)).isZero();
    assertThat(out).contains("one-off run " + cancelled + " was already cancelled at");
  }

  private static String id(String output) {
    Matcher m = Pattern.compile("one-off run ([0-9a-f-]{36}) scheduled").matcher(output);
    assertThat(m.find()).as(output).isTrue();
    return m.group(1);
  }
}
