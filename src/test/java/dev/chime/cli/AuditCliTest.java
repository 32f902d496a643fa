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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every mutating CLI command leaves an audit record; {@code chime audit} lists them. */
class AuditCliTest {

  @TempDir Path dir;
  private final TestDatabase db = TestDatabase.create();
  private Path file;
  private String out;

  @BeforeEach
  void reconcile() {
    file = TestConfigs.write(dir, "chime.conf", """
        chime {
          database { url = "%s", user = "postgres" }
          jobs { nightly { cron = "0 30 2 * * ?", parameters { mode = full }, command.args = ["true"] } }
        }
        """.formatted(db.url()));
    ChimeConfig config = ConfigLoader.load(file);
    try (StoreClient client = StoreClient.open(config)) {
      new Reconciler(client.scheduler, client.store.dataSource()).reconcile(config.jobs());
    }
  }

  private int chime(String... args) {
    StringWriter o = new StringWriter();
    String[] all = Stream.concat(Stream.of(args), Stream.of("--config", file.toString())).toArray(String[]::new);
    int code = Main.execute(new PrintWriter(o, true), new PrintWriter(new StringWriter(), true), all);
    out = o.toString();
    return code;
  }

  @Test
  void pauseResumeTriggerScheduleAndCancelAreAuditedWithTheOsUserAndTheirResult() throws Exception {
    assertThat(chime("pause", "nightly", "--reason", "maintenance", "--by", "alice")).isZero();
    assertThat(chime("resume", "nightly")).isZero();
    assertThat(chime("trigger", "nightly", "--param", "mode=quick", "--wait", "0s")).isZero();
    assertThat(chime("schedule", "nightly", "--at", Instant.now().plusSeconds(3600).toString())).isZero();
    Matcher id = Pattern.compile("one-off run (\\S+) scheduled").matcher(out);
    assertThat(id.find()).as(out).isTrue();
    assertThat(chime("cancel", id.group(1))).isZero();
    assertThat(chime("pause", "nope")).isEqualTo(2);

    String user = System.getProperty("user.name");
    assertThat(db.query("SELECT actor, action, source, result FROM chime_audit ORDER BY id")).containsExactly(
        List.of(user, "pause", "cli", "ok"), List.of(user, "resume", "cli", "ok"), List.of(user, "trigger", "cli", "ok"),
        List.of(user, "schedule", "cli", "ok"), List.of(user, "cancel", "cli", "ok"), List.of(user, "pause", "cli", "error"));
    assertThat(db.query("SELECT arguments FROM chime_audit ORDER BY id LIMIT 1").get(0).get(0).toString())
        .contains("\"job\":\"nightly\"", "\"reason\":\"maintenance\"", "\"by\":\"alice\"");

    assertThat(chime("audit", "--limit", "2", "--output", "json")).isZero();
    JsonNode entries = new ObjectMapper().readTree(out);
    assertThat(entries).hasSize(2);
    assertThat(entries.get(0).get("action").asText()).isEqualTo("pause");
    assertThat(entries.get(0).get("error").asText()).contains("unknown job 'nope'");
    assertThat(entries.get(1).get("arguments").get("id").asText()).isEqualTo(id.group(1));

    assertThat(chime("audit")).isZero();
    assertThat(out).contains("AT", "WHO", "ACTION", "trigger", "\"mode\":\"quick\"", "error: unknown job 'nope'");
    assertThat(chime("audit", "--limit", "0")).isEqualTo(2);
  }
}
