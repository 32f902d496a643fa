package dev.chime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chime.testing.TestConfigs;
import dev.chime.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator commands, in process, against a real PostgreSQL. */
class CliTest {

  @TempDir Path dir;
  private final TestDatabase db = TestDatabase.create();
  private String out;
  private String err;

  private int chime(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = Main.execute(new PrintWriter(o, true), new PrintWriter(e, true), args);
    out = o.toString();
    err = e.toString();
    return code;
  }

  private Path config(String jobs) {
    return TestConfigs.write(dir, "chime.conf", """
        chime {
          database { url = "%s", user = "postgres" }
          jobs { %s }
        }
        """.formatted(db.url(), jobs));
  }

  @Test
  void validatePrintsNextFireTimesInTheJobsZone() {
    Path file = config("nightly { cron = \"30 2 * * *\", time-zone = \"Asia/Kolkata\", command.args = [\"true\"] }");
    assertThat(chime("validate", "--config", file.toString(), "--next", "2")).isZero();
    assertThat(out).contains("valid, 1 job(s)", "nightly  command  '0 30 2 * * ?'  Asia/Kolkata")
        .containsPattern("next: \\d{4}-\\d\\d-\\d\\d 02:30:00\\+05:30");
  }

  @Test
  void invalidConfigExitsTwoListsEveryProblemAndChangesNothingInTheStore() {
    Path good = config("a { cron = \"@daily\", command.args = [\"true\"] }");
    assertThat(chime("plan", "--config", good.toString())).isEqualTo(1);
    Path bad = config("a { cron = \"@daily\", command.args = [\"true\"] }, b { cron = \"0 0 99 * * ?\" }");

    assertThat(chime("validate", "--config", bad.toString())).isEqualTo(2);
    assertThat(err).contains("invalid configuration (2 problems)", "jobs.b.cron: hour 99 is out of range 0-23",
        "jobs.b: exactly one kind block is required");
    assertThat(chime("run", "--config", bad.toString())).isEqualTo(2);
    assertThat(db.count("SELECT count(*) FROM qrtz_job_details")).isZero();
  }

  @Test
  void planShowsChangesAndExitsOneThenZeroOnceApplied() throws Exception {
    Path v1 = config("""
        a { cron = "0 0 8-20 * * ?", time-zone = "Europe/Paris", command.args = ["true"] }
        b { cron = "@daily", command.args = ["true"] }
        """);
    assertThat(chime("plan", "--config", v1.toString())).isEqualTo(1);
    assertThat(out).contains("+ a (added)", "+ b (added)", "Plan: 2 to add, 0 to change, 0 to remove, 0 unchanged.");

    dev.chime.config.ChimeConfig config = dev.chime.config.ConfigLoader.load(v1);
    try (StoreClient client = StoreClient.open(config)) {
      new dev.chime.schedule.Reconciler(client.scheduler, client.store.dataSource()).reconcile(config.jobs());
    }
    assertThat(chime("plan", "--config", v1.toString())).isZero();
    assertThat(out).contains("Plan: 0 to add, 0 to change, 0 to remove, 2 unchanged.");

    Path v2 = config("""
        a { cron = "0 30 8-20 * * ?", time-zone = "Europe/Paris", command.args = ["true"] }
        c { cron = "@hourly", command.args = ["true"] }
        """);
    assertThat(chime("plan", "--config", v2.toString())).isEqualTo(1);
    assertThat(out).contains("~ a (changed)", "cron: '0 0 8-20 * * ?' -> '0 30 8-20 * * ?'",
        "next before: ", "next after:  ", "- b (removed)", "+ c (added)",
        "Plan: 1 to add, 1 to change, 1 to remove, 0 unchanged.");
    assertThat(out).containsPattern("next after: +\\d{4}-\\d\\d-\\d\\d \\d\\d:30:00\\+0[12]:00");
    assertThat(db.count("SELECT count(*) FROM qrtz_job_details")).as("plan changes nothing").isEqualTo(2);
  }

  @Test
  void jobsAndHistoryPrintJson() throws Exception {
    Path file = config("a { cron = \"@daily\", time-zone = \"Europe/Paris\", command.args = [\"true\"] }");
    dev.chime.config.ChimeConfig config = dev.chime.config.ConfigLoader.load(file);
    try (StoreClient client = StoreClient.open(config)) {
      new dev.chime.schedule.Reconciler(client.scheduler, client.store.dataSource()).reconcile(config.jobs());
    }

    assertThat(chime("jobs", "--config", file.toString(), "--output", "json")).isZero();
    JsonNode jobs = new ObjectMapper().readTree(out);
    assertThat(jobs.get(0).get("name").asText()).isEqualTo("a");
    assertThat(jobs.get(0).get("state").asText()).isEqualTo("normal");
    assertThat(jobs.get(0).get("timeZone").asText()).isEqualTo("Europe/Paris");
    assertThat(jobs.get(0).get("nextFireTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:00:00Z");

    assertThat(chime("jobs", "--config", file.toString())).isZero();
    assertThat(out).contains("NAME", "a", "0 0 0 * * ?", "Europe/Paris", "normal", ":00:00+01:00");

    assertThat(chime("history", "--config", file.toString(), "--output", "json")).isZero();
    assertThat(new ObjectMapper().readTree(out).isArray()).isTrue();
    assertThat(chime("history", "--config", file.toString(), "--limit", "0")).isEqualTo(2);
    assertThat(err).contains("--limit must be between 1 and 1000");
  }

  @Test
  void unreachableDatabaseExitsThreeNamingTheUrlWithoutThePassword() {
    Path file = TestConfigs.write(dir, "down.conf", """
        chime.database { url = "jdbc:postgresql://127.0.0.1:1/chime?password=hunter2", connect-timeout = 1s }
        """);
    assertThat(chime("jobs", "--config", file.toString())).isEqualTo(3);
    assertThat(err).contains("cannot connect to the database at jdbc:postgresql://127.0.0.1:1/chime?password=****")
        .doesNotContain("hunter2");
  }

  @Test
  void missingConfigIsAUsageError() {
    assertThat(chime("jobs")).isEqualTo(2);
    assertThat(err).contains("no config file: pass --config FILE or set CHIME_CONFIG");
  }
}
