package dev.chime.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** deploy/systemd: the unit's settings, its example environment, and systemd's own check. */
class SystemdUnitTest {

  private static final Path DIR = DeployFiles.DEPLOY.resolve("systemd");

  /** KEY -> values, in order (a key may repeat: Environment=, LoadCredential=). */
  private static Map<String, List<String>> unit() {
    Map<String, List<String>> keys = new LinkedHashMap<>();
    for (String line : DeployFiles.read(DIR.resolve("chime.service")).lines().toList()) {
      if (line.isBlank() || line.startsWith("#") || line.startsWith("[")) {
        continue;
      }
      int eq = line.indexOf('=');
      keys.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>()).add(line.substring(eq + 1));
    }
    return keys;
  }

  private static Map<String, String> envFile() {
    Map<String, String> env = new LinkedHashMap<>();
    DeployFiles.read(DIR.resolve("chime.env")).lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
        .forEach(l -> env.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
    return env;
  }

  @Test
  void serviceStopsGracefullyRestartsOnFailureAndReloadsOnSighup() {
    Map<String, List<String>> unit = unit();
    assertThat(unit.get("Type")).containsExactly("exec");
    assertThat(unit.get("Restart")).containsExactly("on-failure");
    assertThat(unit.get("SuccessExitStatus")).containsExactly("143");
    assertThat(unit.get("KillMode")).containsExactly("mixed");
    assertThat(unit.get("ExecReload")).containsExactly("/bin/kill -HUP $MAINPID");
    assertThat(unit.get("ExecStart").get(0)).contains("-jar /opt/chime/chime.jar run");
    assertThat(DeployFiles.duration(unit.get("TimeoutStopSec").get(0)))
        .isGreaterThan(DeployFiles.duration(envFile().get("CHIME_SHUTDOWN_TIMEOUT")));
  }

  @Test
  void serviceIsHardenedAndGetsItsSecretsAsCredentials() {
    Map<String, List<String>> unit = unit();
    assertThat(unit.containsKey("DynamicUser") || unit.containsKey("User")).isTrue();
    for (String key : List.of("ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes", "NoNewPrivileges=yes", "StateDirectory=chime")) {
      String[] kv = key.split("=");
      assertThat(unit.get(kv[0])).as(kv[0]).containsExactly(kv[1]);
    }
    assertThat(unit.get("LoadCredential")).anyMatch(c -> c.startsWith("db-password:"));
    assertThat(unit.get("Environment")).contains("CHIME_DB_PASSWORD_FILE=%d/db-password", "CHIME_CONFIG=/etc/chime/chime.conf");
    assertThat(unit.get("Environment")).anyMatch(e -> e.startsWith("CHIME_DATA_DIR=/var/lib/chime"));
  }

  @Test
  void exampleEnvironmentHoldsNoSecrets() {
    assertThat(envFile().keySet()).allMatch(k -> !(k.contains("PASSWORD") || k.contains("TOKEN") || k.contains("SECRET")) || k.endsWith("_FILE"));
    assertThat(envFile()).containsKeys("CHIME_DB_URL", "CHIME_DB_USER");
  }

  @Test
  void systemdAnalyzeVerifyAcceptsTheUnit() throws Exception {
    Path analyze = Path.of("/usr/bin/systemd-analyze");
    assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed");
    Process process = new ProcessBuilder(analyze.toString(), "verify", DIR.resolve("chime.service").toString())
        .redirectErrorStream(true).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).as("warnings").doesNotContain("chime.service:");
  }
}
