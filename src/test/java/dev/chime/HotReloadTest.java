package dev.chime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chime.cli.Main;
import dev.chime.config.ChimeConfig;
import dev.chime.schedule.ReloadResult;
import dev.chime.testing.TestConfigs;
import dev.chime.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running node follows its config file: valid edits apply, job by job; invalid ones change nothing. */
class HotReloadTest {

  private static final String A = "a { cron = \"0 0 * * * ?\", command.args = [\"true\"] }";
  private static final String B = "b { cron = \"0 0 3 * * ?\", command.args = [\"true\"] }";

  @TempDir Path dir;
  private final TestDatabase db = TestDatabase.create();
  private Daemon node;
  private Path file;

  @BeforeEach
  void start() {
    ChimeConfig config = TestConfigs.node(dir, db, "node-a", A + "\n" + B);
    file = config.source();
    node = Daemon.start(config, Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    node.stop();
  }

  private void edit(String jobs) throws Exception {
    String text = Files.readString(file);
    String start = text.substring(0, text.indexOf("jobs {") + "jobs {".length());
    Files.writeString(file, start + " " + jobs + " }\n}\n");
  }

  private long startTime(String job) {
    return db.count("SELECT start_time FROM qrtz_triggers WHERE trigger_name = '" + job + "'");
  }

  private String cron(String job) {
    return (String) db.query("SELECT cron_expression FROM qrtz_cron_triggers WHERE trigger_name = '" + job + "'").get(0).get(0);
  }

  @Test
  void anEditOnDiskChangesOnlyTheEditedJobsTrigger() throws Exception {
    long untouched = startTime("b");
    edit("a { cron = \"0 30 * * * ?\", command.args = [\"true\"] }\n" + B + "\nc { cron = \"@daily\", command.args = [\"true\"] }");

    await().atMost(Duration.ofSeconds(20)).until(() -> cron("a").equals("0 30 * * * ?"));
    await().atMost(Duration.ofSeconds(10)).until(() -> db.count("SELECT count(*) FROM qrtz_triggers WHERE trigger_name = 'c'") == 1);
    assertThat(startTime("b")).as("b's trigger is not touched").isEqualTo(untouched);
    assertThat(node.config().jobs()).extracting(j -> j.name()).containsExactly("a", "b", "c");
    assertThat(node.metrics().scrape()).contains("chime_config_reloads_total{outcome=\"succeeded\"} 1.0")
        .contains("hash=\"" + node.config().jobsHash() + "\"");
  }

  @Test
  void anInvalidFileChangesNothingThenAValidOneApplies() throws Exception {
    edit("a { cron = \"0 0 25 * * ?\", command.args = [\"true\"] }\n" + B);
    ReloadResult refused = node.reload("test");
    assertThat(refused.applied()).isFalse();
    assertThat(refused.problems()).singleElement().asString().contains("jobs.a.cron: hour 25 is out of range 0-23");
    assertThat(cron("a")).isEqualTo("0 0 * * * ?");
    assertThat(node.metrics().scrape()).contains("chime_config_reloads_total{outcome=\"failed\"}");

    edit(A);
    ReloadResult applied = node.reload("test");
    assertThat(applied.applied()).isTrue();
    assertThat(applied.removed()).isEqualTo(1);
    assertThat(db.query("SELECT job_name FROM qrtz_job_details WHERE job_group = 'chime'")).containsExactly(List.of("a"));
  }

  @Test
  void chimeReloadAppliesAFileToTheClustersStore() throws Exception {
    Path other = TestConfigs.write(dir, "other.conf", Files.readString(file).replace("0 0 3 * * ?", "0 0 4 * * ?"));
    StringWriter out = new StringWriter();
    int code = Main.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "reload", "--config", other.toString());
    assertThat(code).isZero();
    assertThat(out.toString()).contains("0 added, 1 changed, 0 removed, 1 unchanged");
    assertThat(cron("b")).isEqualTo("0 0 4 * * ?");
    assertThat(db.query("SELECT action, result FROM chime_audit WHERE action = 'reload'")).hasSize(1);
  }
}
