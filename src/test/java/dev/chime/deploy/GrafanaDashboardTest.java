package dev.chime.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** deploy/grafana/chime-dashboard.json: the panels operators need, on a selectable Prometheus data source. */
class GrafanaDashboardTest {

  private final JsonNode dashboard;

  GrafanaDashboardTest() throws Exception {
    dashboard = DeployFiles.JSON.readTree(DeployFiles.DEPLOY.resolve("grafana/chime-dashboard.json").toFile());
  }

  private String exprsOf(JsonNode panel) {
    List<String> exprs = new ArrayList<>();
    panel.path("targets").forEach(t -> exprs.add(t.get("expr").asText()));
    return String.join("\n", exprs);
  }

  @Test
  void coversRunsLatencyFreshnessScheduleNodesPoolMisfiresAndRetries() {
    StringBuilder all = new StringBuilder();
    dashboard.get("panels").forEach(p -> all.append(exprsOf(p)).append('\n'));
    assertThat(all).contains(
        "sum by (job, outcome) (increase(chime_job_runs_total",
        "histogram_quantile(0.95, sum by (job, le) (rate(chime_job_run_duration_seconds_bucket",
        "histogram_quantile(0.99, sum by (job, le) (rate(chime_job_fire_lag_seconds_bucket",
        "max by (job) (chime_job_success_deadline_timestamp_seconds", ") - time()",
        "chime_job_next_fire_timestamp_seconds", "chime_job_last_run_timestamp_seconds",
        "chime_scheduler_state{state=\"running\"}", "chime_cluster_members_alive", "chime_cluster_check_in_age_seconds",
        "hikaricp_connections_active{pool=\"chime-db\"}", "hikaricp_connections_pending",
        "chime_job_misfires_total", "chime_job_retries_total");
  }

  @Test
  void panelsUseTheDatasourceVariableAndHaveUniqueIds() {
    Set<Integer> ids = new HashSet<>();
    dashboard.get("panels").forEach(p -> {
      assertThat(ids.add(p.get("id").asInt())).as("unique id " + p.get("id")).isTrue();
      if (!p.get("type").asText().equals("row")) {
        assertThat(p.at("/datasource/uid").asText()).as(p.get("title").asText()).isEqualTo("${datasource}");
        assertThat(p.get("targets")).isNotEmpty();
      }
    });
    assertThat(dashboard.get("uid").asText()).isEqualTo("chime");
    assertThat(dashboard.at("/templating/list/0/type").asText()).isEqualTo("datasource");
    assertThat(dashboard.at("/templating/list/1/name").asText()).isEqualTo("job");
  }
}
