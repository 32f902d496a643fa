package dev.chime.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chime.Daemon;
import dev.chime.history.RunRepository;
import dev.chime.testing.TestConfigs;
import dev.chime.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobKey;

/**
 * Every metric the alert rules and the Grafana dashboard query is one a real node exports: a node is
 * started, runs a job, and its /metrics is scraped. A renamed meter fails here, not in production.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeployMetricNamesTest {

  @TempDir static Path dir;
  private Daemon node;
  private final Set<String> exported = new TreeSet<>();

  @BeforeAll
  void startANodeRunAJobAndScrape() throws Exception {
    TestDatabase db = TestDatabase.create();
    node = Daemon.start(TestConfigs.node(dir, db, "node-a",
        "ok { cron = \"0 0 0 1 1 ? *\", time-zone = UTC, command.args = [\"true\"] }"), Clock.systemUTC());
    RunRepository runs = new RunRepository(db.dataSource(), "chime");
    node.scheduler().quartz().triggerJob(JobKey.jobKey("ok", "chime"));
    await().atMost(Duration.ofSeconds(30)).until(() -> runs.latest(Optional.of("ok"), 10).stream()
        .anyMatch(r -> r.outcome().equals("succeeded")));
    node.metrics().refreshNow();
    for (String line : node.metrics().scrape().split("\n")) {
      if (line.startsWith("# TYPE ")) {
        exported.add(line.split(" ")[2]);
      } else if (!line.isBlank() && !line.startsWith("#")) {
        exported.add(line.split("[{ ]")[0]);
      }
    }
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.stop();
    }
  }

  private void assertExported(String where, Set<String> names) {
    assertThat(names).as(where + " names metrics").isNotEmpty();
    for (String name : names) {
      String base = name.replaceAll("_(bucket|sum|count|total)$", "");
      assertThat(exported.contains(name) || exported.contains(base))
          .as("%s: %s is not exported by a node (exported: %s)", where, name, exported).isTrue();
    }
  }

  @Test
  void extractsMetricNamesFromPromql() {
    assertThat(DeployFiles.metricNames("time() > max by (job) (a_seconds) unless on (job) max by (job) (b{state=\"x\"}) == 1"))
        .containsExactly("a_seconds", "b");
    assertThat(DeployFiles.metricNames("histogram_quantile(0.95, sum by (job, le) (rate(c_bucket{job=~\"$job\"}[$__rate_interval])))"))
        .containsExactly("c_bucket");
    assertThat(DeployFiles.metricNames("label_values(d_total, job)")).containsExactly("d_total");
  }

  @Test
  void everyMetricInTheAlertRulesIsExported() {
    Set<String> names = new TreeSet<>();
    for (JsonNode rule : DeployFiles.yaml(DeployFiles.DEPLOY.resolve("compose/prometheus/rules/chime.yml")).get(0).at("/groups/0/rules")) {
      names.addAll(DeployFiles.metricNames(rule.get("expr").asText()));
    }
    assertExported("the alert rules", names);
    assertThat(names).contains("chime_job_success_deadline_timestamp_seconds", "hikaricp_connections_pending");
  }

  @Test
  void everyMetricInTheDashboardIsExported() throws Exception {
    JsonNode dashboard = DeployFiles.JSON.readTree(DeployFiles.DEPLOY.resolve("grafana/chime-dashboard.json").toFile());
    List<String> expressions = new ArrayList<>();
    dashboard.findValues("expr").forEach(e -> expressions.add(e.asText()));
    dashboard.at("/templating/list").forEach(v -> {
      if (v.has("definition")) {
        expressions.add(v.get("definition").asText());
      }
    });
    Set<String> names = new TreeSet<>();
    expressions.forEach(e -> names.addAll(DeployFiles.metricNames(e)));
    assertExported("the dashboard", names);
  }
}
