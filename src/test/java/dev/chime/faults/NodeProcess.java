package dev.chime.faults;

import dev.chime.testing.HttpProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One chime node as an operator runs it: {@code java -jar target/chime.jar run --config FILE}, with a
 * small heap and C1 only (fast start), its own log file, data dir and management port.
 *
 * <p>The node is started under {@code setsid}, so it leads a process group of its own, and its command
 * jobs (plain child processes) are in that group: {@link #pause()} / {@link #crash()} signal the whole
 * group at once, like a host that freezes or loses power, with no race against a job forking.
 */
final class NodeProcess {

  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private static final String JAR = Path.of(System.getProperty("chime.jar", "target/chime.jar")).toAbsolutePath().toString();

  final String id;
  final int managementPort;
  final Path log;
  private final Path dir;
  private volatile Path config;
  private final Map<String, String> env = new LinkedHashMap<>();
  private Process process;
  private final HttpProbe probe;

  NodeProcess(String id, Path dir, Path config, FaultDb db, Map<String, String> extraEnv) {
    this.id = id;
    this.dir = dir;
    this.config = config;
    this.managementPort = FaultPostgres.freePort();
    this.log = dir.resolve(id + ".log");
    this.probe = new HttpProbe(managementPort);
    env.put("CHIME_NODE_ID", id);
    env.put("CHIME_DB_URL", db.url());
    env.put("CHIME_DB_USER", "postgres");
    env.put("CHIME_MANAGEMENT_HOST", "127.0.0.1");
    env.put("CHIME_MANAGEMENT_PORT", Integer.toString(managementPort));
    env.put("CHIME_ADMIN_PORT", "0");
    env.put("CHIME_DATA_DIR", dir.resolve(id + "-data").toString());
    // Time scales the README documents; everything else is the shipped default.
    env.put("CHIME_CHECK_IN_INTERVAL", "1s");
    env.put("CHIME_IDLE_WAIT", "1s");
    env.putAll(extraEnv);
  }

  /** Points the node at another config file (used at its next start). */
  void useConfig(Path file) {
    this.config = file;
  }

  synchronized NodeProcess start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(id + " is already running");
    }
    ProcessBuilder builder = new ProcessBuilder("setsid", JAVA, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-jar", JAR, "run", "--config", config.toString());
    builder.environment().putAll(env);
    builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  Process process() {
    return process;
  }

  /** SIGTERM to the JVM (graceful stop); waits for it to exit and returns its exit code, -1 if it did not in time. */
  int terminate(long seconds) {
    process.destroy();
    try {
      return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** SIGKILL to the node's whole process group: the JVM and its jobs die at once, like a host losing power. */
  void crash() {
    signalGroup("KILL");
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGSTOP to the node's process group: the JVM and its running jobs freeze together. */
  void pause() {
    signalGroup("STOP");
  }

  /** SIGCONT to the node's process group. */
  void resume() {
    signalGroup("CONT");
  }

  private void signalGroup(String signal) {
    run("kill", "-" + signal, "--", "-" + pid());
  }

  private static void run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The process group of the node: its pid when setsid made it a group leader (checked once started). */
  long processGroup() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[2]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** HTTP status of /health/ready, or -1 when the listener does not answer. */
  int readyStatus() {
    return ready().status();
  }

  HttpProbe.Answer ready() {
    try {
      return probe.get("/health/ready");
    } catch (RuntimeException e) {
      return new HttpProbe.Answer(-1, e.toString(), null, "");
    }
  }

  String metrics() {
    return probe.get("/metrics").body();
  }

  /** The value of one metric line, e.g. {@code chime_clock_skew_seconds}, or NaN. */
  double metric(String nameWithLabels) {
    for (String line : metrics().split("\n")) {
      if (line.startsWith(nameWithLabels + " ")) {
        return Double.parseDouble(line.substring(nameWithLabels.length() + 1).trim());
      }
    }
    return Double.NaN;
  }

  String logText() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Log lines containing any of the needles. */
  List<String> grep(String... needles) {
    List<String> hits = new ArrayList<>();
    for (String line : logText().split("\n")) {
      for (String needle : needles) {
        if (line.contains(needle)) {
          hits.add(id + ": " + line);
          break;
        }
      }
    }
    return hits;
  }

  /** Last lines of the log, for assertion messages. */
  String tail(int lines) {
    String[] all = logText().split("\n");
    return String.join("\n", java.util.Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
  }

  Path dir() {
    return dir;
  }
}
