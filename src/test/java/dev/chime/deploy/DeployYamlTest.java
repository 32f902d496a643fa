package dev.chime.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chime.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every YAML file under deploy/ parses; the Compose try-out is wired together. */
class DeployYamlTest {

  private static final Path COMPOSE = DeployFiles.DEPLOY.resolve("compose");

  @Test
  void everyYamlFileParsesToAtLeastOneDocument() {
    List<Path> files = DeployFiles.yamlFiles();
    assertThat(files).hasSizeGreaterThanOrEqualTo(14);
    for (Path file : files) {
      assertThat(DeployFiles.yaml(file)).as(file.toString()).isNotEmpty().allMatch(JsonNode::isObject);
    }
  }

  @Test
  void composeRunsPostgresThreeNodesTheEchoTargetPrometheusAndGrafana() {
    JsonNode compose = DeployFiles.yaml(COMPOSE.resolve("compose.yaml")).get(0);
    JsonNode services = compose.get("services");
    Set<String> names = new TreeSet<>();
    services.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactlyInAnyOrder("postgres", "chime-1", "chime-2", "chime-3", "echo", "prometheus", "grafana");

    Set<String> nodeIds = new TreeSet<>();
    for (String node : List.of("chime-1", "chime-2", "chime-3")) {
      JsonNode service = services.get(node);
      assertThat(service.at("/build/context").asText()).isEqualTo("../..");
      JsonNode env = service.get("environment");
      nodeIds.add(env.get("CHIME_NODE_ID").asText());
      assertThat(env.get("CHIME_DB_URL").asText()).startsWith("jdbc:postgresql://postgres:5432/");
      assertThat(env.get("CHIME_DB_PASSWORD_FILE").asText()).isEqualTo("/run/secrets/db-password");
      assertThat(service.at("/depends_on/postgres/condition").asText()).isEqualTo("service_healthy");
      assertThat(DeployFiles.duration(service.get("stop_grace_period").asText()))
          .isGreaterThan(DeployFiles.duration(env.get("CHIME_SHUTDOWN_TIMEOUT").asText()));
      assertThat(service.get("volumes").get(0).asText()).isEqualTo("./chime:/etc/chime:ro");
    }
    assertThat(nodeIds).hasSize(3);
    assertThat(services.at("/postgres/healthcheck/test").toString()).contains("pg_isready");
    compose.get("secrets").forEach(s -> assertThat(COMPOSE.resolve(s.get("file").asText())).isRegularFile());
    // Every bind mount's source exists.
    services.forEach(s -> s.path("volumes").forEach(v -> {
      String source = v.asText().split(":")[0];
      if (source.startsWith(".")) {
        assertThat(COMPOSE.resolve(source)).as(v.asText()).exists();
      }
    }));
  }

  @Test
  void composeJobConfigIsValidAndItsHttpJobsCallTheEchoService(@TempDir Path dir) throws Exception {
    Path conf = Files.copy(COMPOSE.resolve("chime/chime.conf"), dir.resolve("chime.conf"));
    var config = ConfigLoader.load(conf);
    assertThat(config.jobs()).hasSizeGreaterThanOrEqualTo(2);
    String text = DeployFiles.read(conf);
    assertThat(text).contains("url = \"http://echo:5678/", "allowed-hosts = [\"echo\"]");
    assertThat(DeployFiles.yaml(COMPOSE.resolve("compose.yaml")).get(0).at("/services/echo/command").toString()).contains(":5678");
  }

  @Test
  void prometheusKeepsChimesJobLabelAndScrapesEveryNode() {
    JsonNode prometheus = DeployFiles.yaml(COMPOSE.resolve("prometheus/prometheus.yml")).get(0);
    JsonNode scrape = prometheus.get("scrape_configs").get(0);
    assertThat(scrape.get("honor_labels").asBoolean()).isTrue();
    assertThat(scrape.at("/static_configs/0/targets").toString()).contains("chime-1:9404", "chime-2:9404", "chime-3:9404");
    assertThat(COMPOSE.resolve("prometheus").resolve(prometheus.at("/rule_files/0").asText())).isRegularFile();
  }

  @Test
  void grafanaProvisionsThePrometheusDatasourceAndTheDashboard() {
    JsonNode grafana = DeployFiles.yaml(COMPOSE.resolve("compose.yaml")).get(0).at("/services/grafana");
    JsonNode provider = DeployFiles.yaml(COMPOSE.resolve("grafana/provisioning/dashboards/chime.yaml")).get(0).at("/providers/0");
    String dashboardsDir = provider.at("/options/path").asText();
    assertThat(grafana.get("volumes").toString())
        .contains("../grafana/chime-dashboard.json:" + dashboardsDir + "/chime-dashboard.json:ro");
    JsonNode datasource = DeployFiles.yaml(COMPOSE.resolve("grafana/provisioning/datasources/prometheus.yaml")).get(0).at("/datasources/0");
    assertThat(datasource.get("type").asText()).isEqualTo("prometheus");
    assertThat(datasource.get("url").asText()).isEqualTo("http://prometheus:9090");
  }
}
