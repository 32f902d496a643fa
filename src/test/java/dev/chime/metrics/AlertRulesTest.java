package dev.chime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chime.testing.Promtool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertRulesTest {

  private final String yaml = new AlertRules(3, Duration.ofMillis(2500)).yaml();

  @Test
  void isARulesFileOfAlertsWithExprAndAnnotations() {
    List<String> lines = yaml.lines().toList();
    assertThat(lines).noneMatch(l -> l.contains("\t"));
    assertThat(lines.stream().filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst()).contains("groups:");
    long alerts = lines.stream().filter(l -> l.startsWith("      - alert: ")).count();
    assertThat(alerts).isEqualTo(8);
    assertThat(lines.stream().filter(l -> l.startsWith("        expr: ")).count()).isEqualTo(alerts);
    assertThat(lines.stream().filter(l -> l.startsWith("          summary: \"")).count()).isEqualTo(alerts);
    assertThat(yaml).contains("time() > max by (job) (chime_job_success_deadline_timestamp_seconds)",
        "max by (job) (chime_job_consecutive_failures) >= 3", "count(count by (hash) (chime_config_info)) > 1",
        "hikaricp_connections_pending", "abs(chime_clock_skew_seconds) > 2.500", "chime_job_misfires_total");
  }

  @Test
  void refusesZeroFailures() {
    assertThatThrownBy(() -> new AlertRules(0, Duration.ofSeconds(5))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void passesPromtoolCheckRules(@TempDir Path dir) throws Exception {
    assumeTrue(Promtool.available(), "promtool is not on the PATH");
    Path file = Files.writeString(dir.resolve("chime-rules.yml"), yaml);
    Promtool.Result result = Promtool.run("", "check", "rules", file.toString());
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS: 8 rules found");
  }
}
