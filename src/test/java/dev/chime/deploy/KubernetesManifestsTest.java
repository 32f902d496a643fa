package dev.chime.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chime.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/kubernetes, field by field (no offline schema validator is available here): what the
 * Deployment promises about spreading, rollouts, probes, shutdown and privileges, and that the objects
 * refer to each other correctly.
 */
class KubernetesManifestsTest {

  private static final Path DIR = DeployFiles.DEPLOY.resolve("kubernetes");
  private final Map<String, JsonNode> byKind = new HashMap<>();
  private final List<JsonNode> objects = new ArrayList<>();

  KubernetesManifestsTest() {
    for (JsonNode resource : DeployFiles.yaml(DIR.resolve("kustomization.yaml")).get(0).get("resources")) {
      for (JsonNode object : DeployFiles.yaml(DIR.resolve(resource.asText()))) {
        objects.add(object);
        assertThat(byKind.put(object.get("kind").asText(), object)).as("one " + object.get("kind")).isNull();
      }
    }
  }

  private JsonNode pod() {
    return byKind.get("Deployment").at("/spec/template/spec");
  }

  private JsonNode container() {
    return pod().get("containers").get(0);
  }

  private Map<String, JsonNode> env() {
    Map<String, JsonNode> env = new HashMap<>();
    container().get("env").forEach(e -> env.put(e.get("name").asText(), e));
    return env;
  }

  private String mountPath(String volume) {
    for (JsonNode mount : container().get("volumeMounts")) {
      if (mount.get("name").asText().equals(volume)) {
        assertThat(mount.has("subPath")).as("no subPath on " + volume).isFalse();
        return mount.get("mountPath").asText();
      }
    }
    throw new AssertionError("no mount of " + volume);
  }

  private JsonNode volume(String name) {
    return DeployFiles.iterable(pod().get("volumes")).stream().filter(v -> v.get("name").asText().equals(name))
        .findFirst().orElseThrow();
  }

  @Test
  void kustomizationListsEveryManifestAndNoSecretIsCommitted() throws Exception {
    List<String> listed = DeployFiles.iterable(DeployFiles.yaml(DIR.resolve("kustomization.yaml")).get(0).get("resources"))
        .stream().map(JsonNode::asText).toList();
    try (Stream<Path> files = Files.list(DIR)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("kustomization.yaml")))
          .containsExactlyInAnyOrderElementsOf(listed);
    }
    assertThat(byKind).containsOnlyKeys("Namespace", "ServiceAccount", "ConfigMap", "Deployment", "Service",
        "PodDisruptionBudget", "ServiceMonitor", "PrometheusRule");
    assertThat(objects).allMatch(o -> o.has("apiVersion") && o.at("/metadata/name").isTextual());
  }

  @Test
  void threeReplicasSpreadOverNodesAndRolledWithoutLosingOne() {
    JsonNode spec = byKind.get("Deployment").get("spec");
    assertThat(spec.get("replicas").asInt()).isEqualTo(3);
    assertThat(spec.at("/strategy/rollingUpdate/maxUnavailable").asInt()).isZero();
    JsonNode hostSpread = DeployFiles.iterable(pod().get("topologySpreadConstraints")).stream()
        .filter(c -> c.get("topologyKey").asText().equals("kubernetes.io/hostname")).findFirst().orElseThrow();
    assertThat(hostSpread.get("whenUnsatisfiable").asText()).isEqualTo("DoNotSchedule");
    assertThat(hostSpread.at("/labelSelector/matchLabels")).isEqualTo(spec.at("/selector/matchLabels"));
    assertThat(pod().at("/affinity/podAntiAffinity").isObject()).isTrue();
    assertThat(spec.at("/template/metadata/labels").toString()).contains("\"app.kubernetes.io/name\":\"chime\"");
  }

  @Test
  void probesShutdownAndNodeIdentity() {
    JsonNode c = container();
    assertThat(c.at("/startupProbe/httpGet/path").asText()).isEqualTo("/health/live");
    assertThat(c.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health/live");
    assertThat(c.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/health/ready");
    assertThat(c.at("/livenessProbe/httpGet/port").asText()).isEqualTo("management");
    assertThat(c.get("ports").toString()).contains("\"name\":\"management\",\"containerPort\":9404", "\"name\":\"admin\",\"containerPort\":8080");
    Duration shutdown = DeployFiles.duration(env().get("CHIME_SHUTDOWN_TIMEOUT").get("value").asText());
    assertThat(Duration.ofSeconds(pod().get("terminationGracePeriodSeconds").asLong())).isGreaterThan(shutdown);
    assertThat(env().get("CHIME_NODE_ID").at("/valueFrom/fieldRef/fieldPath").asText()).isEqualTo("metadata.name");
    assertThat(pod().get("enableServiceLinks").asBoolean(true)).as("no injected CHIME_* service variables").isFalse();
  }

  @Test
  void restrictiveSecurityContextWithWritableTmpAndDataDir() {
    JsonNode podSecurity = pod().get("securityContext");
    assertThat(podSecurity.get("runAsNonRoot").asBoolean()).isTrue();
    assertThat(podSecurity.at("/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
    String imageUser = Dockerfile.read(DeployFiles.ROOT.resolve("Dockerfile")).runtime().last("USER").orElseThrow();
    assertThat(podSecurity.get("runAsUser").asText()).as("the image's uid").isEqualTo(imageUser.split(":")[0]);
    JsonNode security = container().get("securityContext");
    assertThat(security.get("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(security.get("allowPrivilegeEscalation").asBoolean(true)).isFalse();
    assertThat(security.at("/capabilities/drop").toString()).isEqualTo("[\"ALL\"]");
    assertThat(security.at("/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
    assertThat(mountPath("tmp")).isEqualTo("/tmp");
    assertThat(volume("tmp").has("emptyDir")).isTrue();
    assertThat(env().get("CHIME_DATA_DIR").get("value").asText()).startsWith(mountPath("data") + "/");
    assertThat(volume("data").has("emptyDir")).isTrue();
    assertThat(pod().get("automountServiceAccountToken").asBoolean(true)).isFalse();
  }

  @Test
  void configMapIsMountedAsTheConfigDirectoryAndHoldsAValidConfig(@TempDir Path dir) throws Exception {
    String configPath = env().get("CHIME_CONFIG").get("value").asText();
    String mount = mountPath("config");
    assertThat(configPath).isEqualTo(mount + "/chime.conf");
    assertThat(volume("config").at("/configMap/name").asText()).isEqualTo(byKind.get("ConfigMap").at("/metadata/name").asText());
    // The loader reads secret files it names (a datasource's password-file): give it the Secret's mount here.
    String secrets = mountPath("secrets");
    Path mounted = Files.createDirectories(dir.resolve("secrets"));
    String hocon = byKind.get("ConfigMap").at("/data/chime.conf").asText();
    java.util.regex.Matcher file = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(secrets) + "/([\\w.-]+)").matcher(hocon);
    while (file.find()) {
      Files.writeString(mounted.resolve(file.group(1)), "test-secret\n");
    }
    var config = ConfigLoader.load(Files.writeString(dir.resolve("chime.conf"), hocon.replace(secrets + "/", mounted + "/")));
    assertThat(config.jobs()).isNotEmpty();
    assertThat(config.admin().tokens()).as("the admin API on 0.0.0.0 needs tokens").isNotEmpty();
  }

  @Test
  void secretsComeFromTheReferencedSecretAsFiles() {
    String secrets = mountPath("secrets");
    assertThat(volume("secrets").at("/secret/secretName").asText()).isEqualTo("chime-secrets");
    assertThat(env().get("CHIME_DB_PASSWORD_FILE").get("value").asText()).startsWith(secrets + "/");
    assertThat(env().values()).noneMatch(e -> e.has("value") && e.get("name").asText().matches(".*(PASSWORD|TOKEN)$"));
    String hocon = byKind.get("ConfigMap").at("/data/chime.conf").asText();
    assertThat(hocon).contains("file = \"" + secrets + "/api-token-operator\"").doesNotContain("token-env");
  }

  @Test
  void serviceDisruptionBudgetAndServiceMonitorSelectThePods() {
    JsonNode labels = byKind.get("Deployment").at("/spec/template/metadata/labels");
    assertThat(byKind.get("Service").at("/spec/selector")).isEqualTo(labels);
    assertThat(byKind.get("PodDisruptionBudget").at("/spec/selector/matchLabels")).isEqualTo(labels);
    assertThat(byKind.get("PodDisruptionBudget").at("/spec/maxUnavailable").asInt()).isEqualTo(1);
    assertThat(byKind.get("Service").at("/spec/ports").toString()).contains("\"name\":\"management\"", "\"name\":\"admin\"");
    JsonNode monitor = byKind.get("ServiceMonitor");
    assertThat(monitor.at("/spec/selector/matchLabels")).isEqualTo(byKind.get("Service").at("/metadata/labels"));
    assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("management");
    assertThat(monitor.at("/spec/endpoints/0/honorLabels").asBoolean()).isTrue();
  }
}
