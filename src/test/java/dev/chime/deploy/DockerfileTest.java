package dev.chime.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chime.deploy.Dockerfile.Stage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The image's build and runtime settings, read from the Dockerfile (no container engine needed). */
class DockerfileTest {

  private final Dockerfile dockerfile = Dockerfile.read(DeployFiles.ROOT.resolve("Dockerfile"));
  private final Stage runtime = dockerfile.runtime();

  @Test
  void buildsWithTheWrapperOnAJdkAndRunsOnAJre() {
    assertThat(dockerfile.stages()).hasSize(2);
    Stage build = dockerfile.stages().get(0);
    assertThat(build.from()).contains("17-jdk").endsWith(" AS build");
    assertThat(build.all("RUN")).anyMatch(r -> r.contains("./mvnw") && r.contains("package"));
    assertThat(runtime.from()).contains("17-jre");
    assertThat(runtime.all("COPY")).anyMatch(c -> c.startsWith("--from=build ") && c.endsWith(" /opt/chime/chime.jar"));
  }

  @Test
  void runsAsANumericNonRootUser() {
    String user = runtime.last("USER").orElseThrow();
    assertThat(user).matches("\\d+(:\\d+)?");
    assertThat(Integer.parseInt(user.split(":")[0])).isPositive();
  }

  @Test
  void execFormEntrypointUnderTiniWithTheConfigFromTheEnvironment() {
    List<String> entrypoint = runtime.execForm("ENTRYPOINT");
    assertThat(entrypoint.get(0)).endsWith("/tini");
    // tini without -g: SIGTERM goes to the JVM only, so running command jobs are not killed before chime's graceful stop.
    assertThat(entrypoint.subList(1, entrypoint.size())).startsWith("--", "java", "-jar").doesNotContain("-g");
    assertThat(runtime.execForm("CMD")).containsExactly("run");
    assertThat(runtime.all("RUN")).anyMatch(r -> r.contains("tini"));
    assertThat(runtime.last("STOPSIGNAL")).contains("SIGTERM");
  }

  @Test
  void environmentSetsConfigDataDirAdminHostAndContainerAwareHeap() {
    Map<String, String> env = runtime.env();
    assertThat(env).containsEntry("CHIME_CONFIG", "/etc/chime/chime.conf")
        .containsEntry("CHIME_ADMIN_HOST", "0.0.0.0")
        .containsKey("CHIME_DATA_DIR");
    assertThat(env.get("CHIME_DATA_DIR")).startsWith(runtime.last("VOLUME").map(v -> v.replaceAll("[\\[\\]\" ]", "")).orElseThrow());
    assertThat(env.get("JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=", "-XX:+ExitOnOutOfMemoryError");
    assertThat(runtime.all("COPY")).anyMatch(c -> c.endsWith(" /etc/chime/chime.conf"));
  }

  @Test
  void healthcheckExposeAndLabels() {
    assertThat(runtime.last("HEALTHCHECK").orElseThrow()).contains("CMD ", "/health/ready");
    assertThat(runtime.last("EXPOSE").orElseThrow().split("\\s+")).containsExactlyInAnyOrder("9404", "8080");
    String labels = String.join(" ", runtime.all("LABEL"));
    assertThat(labels).contains("org.opencontainers.image.title=", "org.opencontainers.image.version=",
        "org.opencontainers.image.source=", "org.opencontainers.image.revision=", "org.opencontainers.image.description=");
  }

  @Test
  void dockerignoreKeepsTheContextToWhatTheBuildCopies() {
    List<String> lines = DeployFiles.read(DeployFiles.ROOT.resolve(".dockerignore")).lines()
        .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    assertThat(lines).startsWith("*").contains("!mvnw", "!.mvn/", "!pom.xml", "!src/", "!conf/");
  }
}
