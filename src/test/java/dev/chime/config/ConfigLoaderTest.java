package dev.chime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chime.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path dir;

  private Path write(String hocon) {
    return TestConfigs.write(dir, "chime.conf", hocon);
  }

  /** The origin of the line holding {@code marker}, as the loader reports it. */
  private String lineOf(Path file, String marker) throws Exception {
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(marker)) {
        return file + ":" + (i + 1);
      }
    }
    throw new AssertionError("no line with " + marker);
  }

  private List<String> problems(Path file) {
    try {
      ConfigLoader.load(file);
    } catch (InvalidConfigException e) {
      return e.problems().stream().map(ConfigProblem::toString).toList();
    }
    throw new AssertionError("expected the config to be invalid");
  }

  @Test
  void readsAJobWithDefaultsResolved() {
    ChimeConfig config = ConfigLoader.load(write("""
        chime {
          node-id = "a1"
          time-zone = "Europe/Paris"
          job-defaults { timeout = 10m, output-limit = 1KiB }
          jobs {
            order-sync {
              description = "hourly"
              cron = "0 0 8-20 * * ?"
              command { args = ["/bin/echo", "hi"], directory = "/tmp", env { A = "1" } }
            }
            nightly {
              cron = "30 2 * * *"
              time-zone = "Asia/Kolkata"
              timeout = 90s
              enabled = false
              command.args = ["true"]
            }
          }
        }
        """));

    assertThat(config.nodeId()).isEqualTo("a1");
    assertThat(config.cluster().name()).isEqualTo("chime");
    assertThat(config.poolSize()).isEqualTo(config.threads() + 5);
    JobSpec sync = config.job("order-sync").orElseThrow();
    assertThat(sync.cron()).isEqualTo("0 0 8-20 * * ?");
    assertThat(sync.timeZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(sync.timeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(sync.outputLimit()).isEqualTo(1024);
    assertThat(sync.enabled()).isTrue();
    assertThat(sync.description()).contains("hourly");
    assertThat(sync.kind()).isEqualTo(new CommandSpec(List.of("/bin/echo", "hi"), Optional.of("/tmp"), java.util.Map.of("A", "1")));
    JobSpec nightly = config.job("nightly").orElseThrow();
    assertThat(nightly.cron()).isEqualTo("0 30 2 * * ?");
    assertThat(nightly.timeZone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
    assertThat(nightly.timeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(nightly.enabled()).isFalse();
  }

  @Test
  void defaultNodeIdIsHostAndPid() {
    ChimeConfig config = ConfigLoader.load(write("chime.jobs {}"));
    assertThat(config.nodeId()).endsWith("-" + ProcessHandle.current().pid());
  }

  @Test
  void reportsEveryProblemAtOnceWithFileLineAndField() throws Exception {
    Path file = write("""
        chime {
          scheduler.threads = "many"
          colour = "blue"
          jobs {
            order-sync {
              cron = "0 0 25 * * ?"
              time-zone = "Mars/Olympus"
              timeout = -5s
              comand { args = ["x"] }
            }
            Bad_Name { cron = "@daily", command.args = ["true"] }
            empty-args { cron = "@hourly", command { args = [], env { "1BAD" = "x" } } }
            no-cron { command.args = ["true"] }
          }
        }
        unrelated = 1
        """);

    List<String> problems = problems(file);
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("colour: unknown setting; expected one of: node-id, time-zone"))
        .anySatisfy(p -> assertThat(p).contains("comand: unknown setting; expected one of: cron, time-zone").contains(", command, http, sql, java"));
    assertThat(problems.stream().map(p -> p.replaceAll("(unknown setting; expected one of: ).*", "$1…"))).containsExactlyInAnyOrder(
        lineOf(file, "threads") + ": scheduler.threads: expected a whole number, found 'many'",
        lineOf(file, "colour") + ": colour: unknown setting; expected one of: …",
        lineOf(file, "0 0 25") + ": jobs.order-sync.cron: hour 25 is out of range 0-23",
        lineOf(file, "Mars") + ": jobs.order-sync.time-zone: unknown time zone 'Mars/Olympus'; expected an IANA id such as UTC or Europe/Paris",
        lineOf(file, "-5s") + ": jobs.order-sync.timeout: must be positive, found -5s",
        lineOf(file, "order-sync {") + ": jobs.order-sync: exactly one kind block is required (command, http, sql, java), found none",
        lineOf(file, "comand") + ": jobs.order-sync.comand: unknown setting; expected one of: …",
        lineOf(file, "Bad_Name") + ": jobs.Bad_Name: job name must match [a-z0-9][a-z0-9-]* (lower-case letters, digits and dashes)",
        lineOf(file, "empty-args") + ": jobs.empty-args.command.args: must name a program: a non-empty list such as [\"/usr/bin/env\", \"true\"]",
        lineOf(file, "empty-args") + ": jobs.empty-args.command.env: '1BAD' is not a valid environment variable name",
        lineOf(file, "no-cron") + ": jobs.no-cron.cron: required: a cron expression such as \"0 0 2 * * ?\" (Quartz), \"0 2 * * *\" (Unix) or @daily",
        lineOf(file, "unrelated") + ": unrelated: unknown setting; everything goes under chime { }");
  }

  @Test
  void invalidConfigMessageCountsAndListsProblems() {
    Path file = write("chime.jobs.x { cron = \"bogus\", command.args = [\"true\"] }");
    assertThatThrownBy(() -> ConfigLoader.load(file))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("invalid configuration (1 problem):")
        .hasMessageContaining(file + ":1: jobs.x.cron: expected 6 or 7 fields");
  }

  @Test
  void syntaxErrorNamesTheLine() {
    Path file = write("chime {\n  jobs {\n    a { cron = \"@daily\" \n}\n");
    assertThat(problems(file)).singleElement().asString().startsWith(file + ":");
  }

  @Test
  void missingFileIsAProblem() {
    assertThat(problems(dir.resolve("nope.conf"))).containsExactly(dir.resolve("nope.conf") + ": no such config file");
  }

  @Test
  void requiredSubstitutionThatIsUnsetIsReportedOptionalOneIsNot() throws Exception {
    Path file = write("""
        chime.jobs.a {
          cron = "@daily"
          description = ${?CHIME_TEST_SURELY_UNSET_VAR}
          command.args = [${CHIME_TEST_SURELY_UNSET_TARGET}]
        }
        """);
    assertThat(problems(file)).singleElement().asString()
        .startsWith(lineOf(file, "TARGET"))
        .contains("CHIME_TEST_SURELY_UNSET_TARGET");
  }

  @Test
  void poolSmallerThanThreadsPlusThreeIsRefused() throws Exception {
    Path file = write("chime { scheduler.threads = 10, database.pool-size = 12 }");
    assertThat(problems(file)).containsExactly(
        lineOf(file, "pool-size") + ": database.pool-size: must be at least scheduler.threads + 3 = 13 (Quartz's housekeeping needs 3 beyond its workers), found 12");
  }

  @Test
  void nonPostgresUrlIsRefusedWithPasswordMasked() throws Exception {
    Path file = write("chime.database.url = \"jdbc:mysql://db/x?password=hunter2\"");
    assertThat(problems(file)).singleElement().asString()
        .contains("database.url: expected a PostgreSQL JDBC URL")
        .contains("password=****")
        .doesNotContain("hunter2");
  }

  @Test
  void passwordComesFromAFileAndNeverPrints() throws Exception {
    Path secret = Files.writeString(dir.resolve("pw"), "s3cret\n");
    ChimeConfig config = ConfigLoader.load(write("chime.database.password-file = \"" + secret + "\""));
    assertThat(config.database().password().value()).isEqualTo("s3cret");
    assertThat(config.toString()).doesNotContain("s3cret");
    assertThat(String.join("\n", ConfigSummary.lines(config))).doesNotContain("s3cret");
  }

  @Test
  void unreadablePasswordFileIsAProblem() {
    Path file = write("chime.database.password-file = \"" + dir.resolve("missing") + "\"");
    assertThat(problems(file)).singleElement().asString().contains("database.password-file: cannot read");
  }
}
