package dev.chime.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chime.testing.Promtool;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed alert rules are what `chime rules` prints today (deploy/generate-rules.sh writes them),
 * and promtool accepts them and the Compose Prometheus config.
 */
class DeployRulesTest {

  private static final Path COMPOSE_RULES = DeployFiles.DEPLOY.resolve("compose/prometheus/rules/chime.yml");
  private static final Path PROMETHEUS_RULE = DeployFiles.DEPLOY.resolve("kubernetes/prometheusrule.yaml");
  private static final String REGENERATE = "out of date: run ./mvnw -B package -DskipTests && deploy/generate-rules.sh";

  private final String rules = DeployFiles.chimeRules();

  @Test
  void composeRulesFileIsChimeRulesOutput() {
    assertThat(DeployFiles.read(COMPOSE_RULES)).as(COMPOSE_RULES + " " + REGENERATE).isEqualTo(rules);
  }

  @Test
  void prometheusRuleSpecIsChimeRulesOutput() {
    String text = DeployFiles.read(PROMETHEUS_RULE);
    String spec = text.substring(text.indexOf("\nspec:\n") + "\nspec:\n".length());
    String indented = rules.lines().map(l -> "  " + l).collect(Collectors.joining("\n", "", "\n"));
    assertThat(spec).as(PROMETHEUS_RULE + " " + REGENERATE).isEqualTo(indented);
    JsonNode object = DeployFiles.yaml(PROMETHEUS_RULE).get(0);
    assertThat(object.get("kind").asText()).isEqualTo("PrometheusRule");
    assertThat(object.get("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(object.get("spec")).isEqualTo(DeployFiles.yaml(rules));
  }

  @Test
  void promtoolAcceptsTheRulesAndThePrometheusConfig(@TempDir Path dir) throws Exception {
    assumeTrue(Promtool.available(), "promtool is not on the PATH");
    Promtool.Result compose = Promtool.run("", "check", "rules", COMPOSE_RULES.toString());
    assertThat(compose.exitCode()).as(compose.output()).isZero();
    assertThat(compose.output()).contains("SUCCESS: 8 rules found");

    // The PrometheusRule's spec is a rules file of its own.
    Path spec = dir.resolve("spec.yml");
    new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().writeValue(spec.toFile(), DeployFiles.yaml(PROMETHEUS_RULE).get(0).get("spec"));
    Promtool.Result kubernetes = Promtool.run("", "check", "rules", spec.toString());
    assertThat(kubernetes.exitCode()).as(kubernetes.output()).isZero();
    assertThat(kubernetes.output()).contains("SUCCESS: 8 rules found");

    Promtool.Result config = Promtool.run("", "check", "config", DeployFiles.DEPLOY.resolve("compose/prometheus/prometheus.yml").toString());
    assertThat(config.exitCode()).as(config.output()).isZero();
  }
}
