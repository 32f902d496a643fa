package dev.chime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chime.testing.TestConfigs;
import dev.chime.testing.TestDatabase;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real jar as an operator runs it: {@code java -jar target/chime.jar run}, stopped with SIGTERM. */
class ChimeProcessIT {

  @TempDir Path dir;
  private final TestDatabase db = TestDatabase.create();
  private Process process;

  @AfterEach
  void kill() {
    if (process != null) {
      process.destroyForcibly();
    }
  }

  private Process start(String node, Map<String, String> env, String jobs) throws Exception {
    Path config = TestConfigs.write(dir, "chime.conf", "chime.jobs { " + jobs + " }");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-jar", System.getProperty("chime.jar", "target/chime.jar"),
        "run", "--config", config.toString());
    builder.environment().putAll(Map.of(
        "CHIME_DB_URL", db.url(), "CHIME_DB_USER", "postgres", "CHIME_NODE_ID", node,
        "CHIME_CHECK_IN_INTERVAL", "1s", "CHIME_IDLE_WAIT", "1s", "CHIME_MANAGEMENT_PORT", "0"));
    builder.environment().putAll(env);
    builder.redirectErrorStream(true).redirectOutput(new File(dir.toFile(), node + ".log"));
    process = builder.start();
    return process;
  }

  private String log(String node) throws Exception {
    return Files.readString(dir.resolve(node + ".log"));
  }

  private long count(String where) {
    return db.count("SELECT count(*) FROM chime_run WHERE " + where);
  }

  @Test
  void sigtermWaitsForTheRunningJobAndExitsZero() throws Exception {
    Process node = start("proc-a", Map.of("CHIME_SHUTDOWN_TIMEOUT", "20s"),
        "work { cron = \"0/2 * * * * ?\", command.args = [\"sh\", \"-c\", \"sleep 2; echo done\"] }");
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> count("outcome = 'running'") == 1);

    node.destroy(); // SIGTERM

    assertThat(node.waitFor(40, TimeUnit.SECONDS)).as("exited").isTrue();
    assertThat(node.exitValue()).as("exit code; log:%n%s", log("proc-a")).isZero();
    assertThat(count("true")).isEqualTo(count("outcome = 'succeeded'")).isPositive();
    assertThat(db.count("SELECT count(*) FROM qrtz_fired_triggers")).isZero();
    assertThat(log("proc-a")).contains("Node proc-a stopped");
  }

  @Test
  void sigtermPastTheShutdownTimeoutKillsTheWorkAndLeavesTheFireForRecovery() throws Exception {
    Path pidFile = dir.resolve("work.pid");
    Process node = start("proc-b", Map.of("CHIME_SHUTDOWN_TIMEOUT", "1s"),
        "work { cron = \"0/2 * * * * ?\", command.args = [\"sh\", \"-c\", \"echo $$ > " + pidFile + "; exec sleep 120\"] }");
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> count("outcome = 'running'") == 1 && Files.exists(pidFile));
    long pid = Long.parseLong(Files.readString(pidFile).trim());

    node.destroy(); // SIGTERM

    assertThat(node.waitFor(40, TimeUnit.SECONDS)).as("exited").isTrue();
    assertThat(node.exitValue()).as("exit code; log:%n%s", log("proc-b")).isZero();
    assertThat(db.query("SELECT outcome, error FROM chime_run"))
        .containsExactly(List.of("interrupted", "cancelled by node shutdown; left for recovery"));
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("job process killed").isFalse();
    assertThat(db.query("SELECT instance_name, requests_recovery FROM qrtz_fired_triggers WHERE state = 'EXECUTING'"))
        .containsExactly(List.of("proc-b", true));
  }
}
