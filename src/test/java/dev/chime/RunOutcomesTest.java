package dev.chime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chime.history.RunRecord;
import dev.chime.history.RunRepository;
import dev.chime.testing.TestConfigs;
import dev.chime.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node running command jobs records each outcome: success, non-zero exit, timeout. */
class RunOutcomesTest {

  @TempDir Path dir;
  private final TestDatabase db = TestDatabase.create();
  private Daemon node;
  private RunRepository runs;

  @BeforeEach
  void start() {
    Path pidFile = dir.resolve("slow.pid");
    String jobs = """
        ok { cron = "0/2 * * * * ?", command.args = ["sh", "-c", "echo out; echo err >&2; echo key=$CHIME_IDEMPOTENCY_KEY"] }
        fails { cron = "0/2 * * * * ?", command.args = ["sh", "-c", "echo oops; exit 3"] }
        slow {
          cron = "0/2 * * * * ?"
          timeout = 1s
          command.args = ["sh", "-c", "echo $$ > %s; exec sleep 30"]
        }
        """.formatted(pidFile);
    node = Daemon.start(TestConfigs.node(dir, db, "node-a", jobs), Clock.systemUTC());
    runs = new RunRepository(db.dataSource(), "chime");
  }

  @AfterEach
  void stop() {
    node.stop();
  }

  private RunRecord firstEnded(String job) {
    return runs.latest(Optional.of(job), 100).stream()
        .filter(r -> !r.outcome().equals("running")).reduce((newer, older) -> older).orElseThrow();
  }

  private boolean ended(String job) {
    return runs.latest(Optional.of(job), 100).stream().anyMatch(r -> !r.outcome().equals("running"));
  }

  @Test
  void recordsSuccessFailureAndTimeout() throws Exception {
    await().atMost(Duration.ofSeconds(30)).until(() -> ended("ok") && ended("fails") && ended("slow"));

    RunRecord ok = firstEnded("ok");
    assertThat(ok.outcome()).isEqualTo("succeeded");
    assertThat(ok.exitCode()).contains(0);
    assertThat(ok.output().orElseThrow()).contains("out\n", "err\n", "key=ok@" + ok.scheduledAt());
    assertThat(ok.node()).isEqualTo("node-a");
    assertThat(ok.attempt()).isEqualTo(1);
    assertThat(ok.trigger()).isEqualTo("schedule");
    assertThat(ok.endedAt()).isPresent();

    RunRecord fails = firstEnded("fails");
    assertThat(fails.outcome()).isEqualTo("failed");
    assertThat(fails.exitCode()).contains(3);
    assertThat(fails.error()).contains("exited with code 3");
    assertThat(fails.output()).contains("oops\n");

    RunRecord slow = firstEnded("slow");
    assertThat(slow.outcome()).isEqualTo("timed_out");
    assertThat(slow.error()).contains("timed out after 1s; cancelled");
    long pid = Long.parseLong(Files.readString(dir.resolve("slow.pid")).trim());
    await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    assertThat(Duration.between(slow.startedAt(), slow.endedAt().orElseThrow())).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aFailingJobNeverStopsTheScheduler() {
    await().atMost(Duration.ofSeconds(30)).until(
        () -> runs.latest(Optional.of("fails"), 100).stream().filter(r -> r.outcome().equals("failed")).count() >= 3);
    List<RunRecord> ok = runs.latest(Optional.of("ok"), 100);
    assertThat(ok).filteredOn(r -> r.outcome().equals("succeeded")).hasSizeGreaterThanOrEqualTo(2);
  }
}
