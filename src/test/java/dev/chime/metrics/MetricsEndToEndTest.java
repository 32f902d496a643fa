package dev.chime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chime.Daemon;
import dev.chime.history.RunRepository;
import dev.chime.testing.Promtool;
import dev.chime.testing.TestConfigs;
import dev.chime.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobKey;
import org.quartz.TriggerKey;

/** A real node's /metrics after known runs: parsed strictly, and checked by promtool when present. */
class MetricsEndToEndTest {

  /** Yearly, in UTC: never fires during a test; the test fires the jobs through Quartz. */
  private static final String YEARLY = "0 0 0 1 1 ? *";

  @TempDir Path dir;
  private final TestDatabase db = TestDatabase.create();
  private Daemon node;
  private RunRepository runs;

  @BeforeEach
  void start() {
    String jobs = """
        ok  { cron = "%1$s", time-zone = UTC, grace = 10m, command.args = ["true"] }
        bad { cron = "%1$s", time-zone = UTC, retry { attempts = 2, backoff = 1h }, command.args = ["false"] }
        """.formatted(YEARLY);
    node = Daemon.start(TestConfigs.node(dir, db, "node-a", jobs), Clock.systemUTC());
    runs = new RunRepository(db.dataSource(), "chime");
  }

  @AfterEach
  void stop() {
    node.stop();
  }

  private void fire(String job, int ended) throws Exception {
    node.scheduler().quartz().triggerJob(JobKey.jobKey(job, "chime"));
    await().atMost(Duration.ofSeconds(20)).until(() -> runs.latest(Optional.of(job), 100).stream()
        .filter(r -> !r.outcome().equals("running")).count() >= ended);
  }

  private PrometheusText scrape() {
    node.metrics().refreshNow();
    return PrometheusText.parse(node.metrics().scrape());
  }

  @Test
  void perJobMetersExistAtZeroBeforeAnyRun() {
    PrometheusText metrics = scrape();
    for (String job : List.of("ok", "bad")) {
      for (String outcome : List.of("succeeded", "failed", "timed_out", "interrupted")) {
        assertThat(metrics.value("chime_job_runs_total", "job", job, "outcome", outcome)).isZero();
      }
      assertThat(metrics.value("chime_job_run_duration_seconds_count", "job", job)).isZero();
      assertThat(metrics.value("chime_job_misfires_total", "job", job)).isZero();
      assertThat(metrics.value("chime_job_skipped_total", "job", job, "reason", "overlap")).isZero();
      assertThat(metrics.value("chime_job_running", "job", job)).isZero();
      assertThat(metrics.value("chime_job_paused", "job", job)).isZero();
      assertThat(metrics.value("chime_job_last_success_timestamp_seconds", "job", job)).isNaN();
    }
    assertThat(metrics.all("chime_job_runs_total")).allMatch(s -> List.of("ok", "bad").contains(s.labels().get("job")));
  }

  @Test
  void runsDurationsFailuresAndTheDeadlineAfterKnownRuns() throws Exception {
    fire("ok", 1);
    fire("bad", 1);
    fire("bad", 2);
    PrometheusText metrics = scrape();
    assertThat(metrics.value("chime_job_runs_total", "job", "ok", "outcome", "succeeded")).isEqualTo(1);
    assertThat(metrics.value("chime_job_runs_total", "job", "ok", "outcome", "failed")).isZero();
    assertThat(metrics.value("chime_job_runs_total", "job", "bad", "outcome", "failed")).isEqualTo(2);
    assertThat(metrics.value("chime_job_retries_total", "job", "bad")).as("each fire's failed attempt 1 files attempt 2").isEqualTo(2);
    assertThat(metrics.value("chime_job_consecutive_failures", "job", "bad")).isEqualTo(2);
    assertThat(metrics.value("chime_job_consecutive_failures", "job", "ok")).isZero();
    assertThat(metrics.value("chime_job_run_duration_seconds_count", "job", "ok")).isEqualTo(1);
    assertThat(metrics.value("chime_job_run_duration_seconds_bucket", "job", "ok", "le", "+Inf")).isEqualTo(1);
    assertThat(metrics.value("chime_job_run_duration_seconds_bucket", "job", "ok", "le", "14400.0")).isEqualTo(1);
    assertThat(metrics.value("chime_job_run_duration_seconds_sum", "job", "ok")).isGreaterThan(0).isLessThan(20);
    assertThat(metrics.value("chime_job_fire_lag_seconds_count", "job", "ok")).isEqualTo(1);
    assertThat(metrics.value("chime_job_running", "job", "ok")).isZero();

    Instant scheduled = runs.latest(Optional.of("ok"), 1).get(0).scheduledAt();
    Instant nextNewYear = ZonedDateTime.ofInstant(scheduled, ZoneOffset.UTC).toLocalDate().withDayOfYear(1)
        .plusYears(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    assertThat(metrics.value("chime_job_success_deadline_timestamp_seconds", "job", "ok"))
        .isEqualTo(nextNewYear.plus(Duration.ofMinutes(10)).getEpochSecond());
    Instant ended = runs.latest(Optional.of("ok"), 1).get(0).endedAt().orElseThrow();
    assertThat(metrics.value("chime_job_last_success_timestamp_seconds", "job", "ok"))
        .isCloseTo(ended.toEpochMilli() / 1000.0, within(0.002));
    assertThat(metrics.value("chime_job_last_success_timestamp_seconds", "job", "bad")).isNaN();
    assertThat(metrics.value("chime_job_next_fire_timestamp_seconds", "job", "ok")).isEqualTo(nextNewYear.getEpochSecond());
  }

  @Test
  void nodeClusterPoolAndJvmMetrics() {
    PrometheusText metrics = scrape();
    assertThat(metrics.value("chime_scheduler_state", "state", "running")).isEqualTo(1);
    assertThat(metrics.value("chime_scheduler_state", "state", "standby")).isZero();
    assertThat(metrics.value("chime_cluster_members_alive")).isEqualTo(1);
    assertThat(metrics.value("chime_cluster_check_in_age_seconds")).isBetween(0.0, 10.0);
    assertThat(metrics.value("chime_clock_skew_seconds")).isBetween(-1.0, 1.0);
    assertThat(metrics.value("chime_triggers", "state", "normal")).isEqualTo(2);
    assertThat(metrics.value("chime_triggers", "state", "error")).isZero();
    assertThat(metrics.value("chime_config_info", "hash", node.config().jobsHash())).isEqualTo(1);
    assertThat(metrics.value("chime_reconciles_total", "outcome", "succeeded")).isEqualTo(1);
    assertThat(metrics.value("chime_build_info", "version", "development")).isEqualTo(1);
    assertThat(metrics.value("hikaricp_connections_max", "pool", "chime-db")).isEqualTo(10);
    assertThat(metrics.all("jvm_memory_used_bytes")).isNotEmpty();
    assertThat(metrics.all("process_uptime_seconds")).isNotEmpty();
    assertThat(metrics.all("jvm_threads_live_threads")).isNotEmpty();
    assertThat(metrics.value("process_cpu_seconds_total")).isPositive();
    assertThat(metrics.value("jvm_available_processors")).isPositive();
  }

  @Test
  void aPausedJobShowsPausedAndHasNoNextFire() throws Exception {
    node.scheduler().quartz().pauseTrigger(TriggerKey.triggerKey("ok", "chime"));
    PrometheusText metrics = scrape();
    assertThat(metrics.value("chime_job_paused", "job", "ok")).isEqualTo(1);
    assertThat(metrics.value("chime_job_next_fire_timestamp_seconds", "job", "ok")).isNaN();
    assertThat(metrics.value("chime_triggers", "state", "paused")).isEqualTo(1);
  }

  @Test
  void everyMetricTheAlertRulesUseIsExposed() {
    PrometheusText metrics = scrape();
    java.util.regex.Matcher names = java.util.regex.Pattern.compile("\\b(chime_[a-z_]+|hikaricp_[a-z_]+)")
        .matcher(new AlertRules(3, Duration.ofSeconds(5)).yaml());
    List<String> used = names.results().map(m -> m.group(1)).distinct().toList();
    assertThat(used).hasSizeGreaterThan(8);
    assertThat(used).allSatisfy(name -> assertThat(metrics.all(name)).as(name).isNotEmpty());
  }

  @Test
  void theMisfireListenerIsRegistered() throws Exception {
    assertThat(node.scheduler().quartz().getListenerManager().getTriggerListener("chime-misfires")).isNotNull();
  }

  @Test
  void theExpositionPassesPromtoolCheckMetrics() throws Exception {
    fire("ok", 1);
    String exposition = node.metrics().scrape();
    assumeTrue(Promtool.available(), "promtool is not on the PATH");
    Promtool.Result result = Promtool.run(exposition, "check", "metrics");
    assertThat(result.output()).isEmpty();
    assertThat(result.exitCode()).isZero();
  }
}
