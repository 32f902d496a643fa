package dev.chime.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chime.deploy.Dockerfile.Stage;
import dev.chime.testing.TestDatabase;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's command line, without a container engine: the Dockerfile's ENTRYPOINT + CMD and runtime
 * ENV, run as written against the built jar, with the image's paths mapped into a temp dir and the
 * config files the Dockerfile copies copied there. Only tini is left out (not installed here).
 */
class DockerEntrypointIT {

  @TempDir Path dir;
  private final Stage runtime = Dockerfile.read(DeployFiles.ROOT.resolve("Dockerfile")).runtime();
  private Process process;

  @AfterEach
  void kill() {
    if (process != null) {
      process.destroyForcibly();
    }
  }

  /** The image's directories, each mapped to one under the temp dir. */
  private Map<String, Path> layout() throws Exception {
    Map<String, Path> layout = new LinkedHashMap<>();
    for (String image : List.of("/etc/chime", "/var/lib/chime", "/opt/chime")) {
      layout.put(image, Files.createDirectories(dir.resolve(image.substring(1).replace('/', '-'))));
    }
    return layout;
  }

  private static String map(String value, Map<String, Path> layout) {
    for (Map.Entry<String, Path> e : layout.entrySet()) {
      value = value.replace(e.getKey(), e.getValue().toString());
    }
    return value;
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void theImagesCommandLineStartsAReadyNodeAndStopsCleanlyOnSigterm() throws Exception {
    Map<String, Path> layout = layout();
    String jar = Path.of(System.getProperty("chime.jar", "target/chime.jar")).toAbsolutePath().toString();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    List<String> entrypoint = runtime.execForm("ENTRYPOINT");
    assertThat(entrypoint.subList(0, 2)).as("ENTRYPOINT starts with tini").containsExactly("/usr/bin/tini", "--");
    List<String> command = new ArrayList<>();
    for (String arg : entrypoint.subList(2, entrypoint.size())) {
      command.add(arg.equals("java") ? java : arg.endsWith(".jar") ? jar : map(arg, layout));
    }
    runtime.execForm("CMD").forEach(arg -> command.add(map(arg, layout)));
    assertThat(command).endsWith("run");

    // The files the Dockerfile copies from the build context into the image (conf/ -> /etc/chime/).
    for (String copy : runtime.all("COPY")) {
      List<String> words = Dockerfile.words(copy);
      if (!words.get(0).startsWith("--from")) {
        Path target = Path.of(map(words.get(1), layout));
        Files.createDirectories(target.getParent());
        Files.copy(DeployFiles.ROOT.resolve(words.get(0)), target);
      }
    }

    TestDatabase db = TestDatabase.create();
    int management = freePort();
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(new File(map(runtime.last("WORKDIR").orElseThrow(), layout)))
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("node.log").toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("CHIME_") || k.equals("JAVA_TOOL_OPTIONS"));
    runtime.env().forEach((k, v) -> env.put(k, map(v, layout)));
    // What a deployment adds: its database (no embedded PostgreSQL), and ports free on this machine.
    env.putAll(Map.of("CHIME_DB_URL", db.url(), "CHIME_DB_USER", "postgres",
        "CHIME_MANAGEMENT_PORT", String.valueOf(management), "CHIME_ADMIN_PORT", String.valueOf(freePort())));
    process = builder.start();

    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/health/ready"))
        .timeout(Duration.ofSeconds(5)).build();
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
        .failFast("node exited; log:\n" + log(), () -> !process.isAlive())
        .until(() -> http.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);

    String log = log();
    assertThat(log).as("JVM flags from JAVA_TOOL_OPTIONS").contains("Picked up JAVA_TOOL_OPTIONS: " + runtime.env().get("JAVA_TOOL_OPTIONS"));
    // The production schedule the image copies to /etc/chime/chime.conf, on the deployment's database.
    assertThat(log).contains("order-sync", "shipping-sync", "daily-cleanup", "running in cluster 'chime'")
        .doesNotContain("Embedded PostgreSQL");
    healthcheckPasses(management);

    process.destroy(); // SIGTERM, as docker stop / the kubelet send it (tini forwards it)
    assertThat(process.waitFor(45, TimeUnit.SECONDS)).as("exited; log:%n%s", log()).isTrue();
    assertThat(process.exitValue()).as("exit code; log:%n%s", log()).isZero();
  }

  /** The HEALTHCHECK's own command, run by sh as Docker runs it, when curl is here. */
  private void healthcheckPasses(int port) throws Exception {
    String healthcheck = runtime.last("HEALTHCHECK").orElseThrow();
    Matcher cmd = Pattern.compile("\\bCMD\\s+(.*)$").matcher(healthcheck);
    assertThat(cmd.find()).isTrue();
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", cmd.group(1)).redirectErrorStream(true);
    builder.environment().put("CHIME_MANAGEMENT_PORT", String.valueOf(port));
    Process run = builder.start();
    assertThat(run.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(run.exitValue()).as(new String(run.getInputStream().readAllBytes())).isZero();
  }

  private String log() throws Exception {
    return Files.readString(dir.resolve("node.log"));
  }
}
