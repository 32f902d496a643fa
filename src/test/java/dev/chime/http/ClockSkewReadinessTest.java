package dev.chime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chime.Daemon;
import dev.chime.config.ChimeConfig;
import dev.chime.testing.HttpProbe;
import dev.chime.testing.TestConfigs;
import dev.chime.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readiness and clock skew: a node whose clock is more than chime.cluster.max-clock-skew off the database's is not ready. */
class ClockSkewReadinessTest {

  private static final String JOBS = "tick { cron = \"0 0 3 * * ?\", command.args = [\"true\"] }";

  @TempDir Path dir;

  @Test
  void theRuleComparesTheSkewsMagnitudeWithTheBound() {
    Duration max = Duration.ofSeconds(5);
    assertThat(Readiness.clockSkewReason(Duration.ZERO, max)).isEmpty();
    assertThat(Readiness.clockSkewReason(Duration.ofMillis(4_999), max)).isEmpty();
    assertThat(Readiness.clockSkewReason(Duration.ofSeconds(5), max)).as("at the bound").isEmpty();
    assertThat(Readiness.clockSkewReason(Duration.ofSeconds(-5), max)).isEmpty();
    assertThat(Readiness.clockSkewReason(Duration.ofMillis(5_001), max)).get().asString()
        .contains("clock skew", "5001ms", "max-clock-skew 5s");
    assertThat(Readiness.clockSkewReason(Duration.ofSeconds(-30), max)).get().asString().contains("-30s");
  }

  @Test
  void settingsAreReadWithTheirDefaults() {
    TestDatabase db = TestDatabase.create();
    ChimeConfig defaults = TestConfigs.node(dir, db, "node-d", JOBS);
    assertThat(defaults.cluster().maxClockSkew()).isEqualTo(Duration.ofSeconds(5));
    assertThat(defaults.clockOffset()).isZero();
    ChimeConfig set = TestConfigs.node(dir, db, "node-e", "cluster.max-clock-skew = 2s\nclock-offset = -30s", JOBS);
    assertThat(set.cluster().maxClockSkew()).isEqualTo(Duration.ofSeconds(2));
    assertThat(set.clockOffset()).isEqualTo(Duration.ofSeconds(-30));
  }

  @Test
  void aNodeWhoseClockIsOffTheDatabasesIsNotReadyAndTheMetricShowsTheSkew() {
    TestDatabase db = TestDatabase.create();
    Daemon skewed = Daemon.start(TestConfigs.node(dir, db, "node-s", JOBS), Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-30)));
    Daemon fine = Daemon.start(TestConfigs.node(dir, db, "node-f", JOBS), Clock.systemUTC());
    try {
      HttpProbe skewedProbe = new HttpProbe(skewed.http().managementPort());
      HttpProbe fineProbe = new HttpProbe(fine.http().managementPort());
      await().atMost(Duration.ofSeconds(20)).until(() -> fineProbe.get("/health/ready").status() == 200);
      HttpProbe.Answer answer = skewedProbe.get("/health/ready");
      assertThat(answer.status()).isEqualTo(503);
      assertThat(answer.json().get("reasons")).hasSize(1);
      assertThat(answer.json().get("reasons").get(0).asText()).startsWith("clock skew: this node's clock is -");
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(skewedProbe.get("/metrics").body())
          .containsPattern("(?m)^chime_clock_skew_seconds -(29|30)\\."));
    } finally {
      fine.stop();
      skewed.stop();
    }
  }
}
