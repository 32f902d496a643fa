package dev.chime.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One scenario's cluster: a fresh database on the shared {@link FaultPostgres}, a directory under
 * {@code target/faults/<scenario>} for config files, node logs and data dirs, and the node processes.
 * {@link #close()} SIGTERMs whatever is still running.
 */
final class Cluster implements AutoCloseable {

  final String scenario;
  final FaultDb db;
  final Path dir;
  private final List<NodeProcess> nodes = new ArrayList<>();

  Cluster(String scenario) {
    this.scenario = scenario;
    this.db = FaultPostgres.shared().createDatabase(scenario);
    this.dir = Path.of("target", "faults", scenario).toAbsolutePath();
    try {
      if (Files.exists(dir)) {
        try (var files = Files.walk(dir)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code chime { jobs { ... } }} (plus {@code extra} settings) to {@code dir/name}, atomically (a rename). */
  Path writeConfig(String name, String jobs) {
    return writeRaw(name, "chime {\n  jobs {\n" + jobs + "\n  }\n}\n");
  }

  /** Writes a file as is, atomically: the node's file watcher never sees half a file. */
  Path writeRaw(String name, String text) {
    try {
      Path file = dir.resolve(name);
      Path tmp = Files.writeString(dir.resolve("." + name + ".tmp"), text);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  NodeProcess node(String id, Path config, Map<String, String> env) {
    NodeProcess node = new NodeProcess(id, dir, config, db, env);
    nodes.add(node);
    return node;
  }

  /** Adds {@code count} nodes node-1..node-N on one config file, with the same extra environment. */
  List<NodeProcess> nodes(int count, Path config, Map<String, String> env) {
    List<NodeProcess> added = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      added.add(node("node-" + i, config, env));
    }
    return added;
  }

  List<NodeProcess> all() {
    return List.copyOf(nodes);
  }

  /** Starts the nodes back to back (the JVMs then start concurrently). */
  static void startAll(List<NodeProcess> nodes) {
    nodes.forEach(NodeProcess::start);
  }

  /** Waits until each node answers 200 on /health/ready; returns how long that took. */
  static Duration awaitReady(List<NodeProcess> nodes, Duration atMost) {
    Instant start = Instant.now();
    for (NodeProcess node : nodes) {
      await("node " + node.id + " ready").atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
        assertThat(node.alive()).as("%s alive; log tail:%n%s", node.id, node.tail(40)).isTrue();
        return node.readyStatus() == 200;
      });
    }
    return Duration.between(start, Instant.now());
  }

  /**
   * A deliberate, bounded wait: a load window or an outage whose length is the point of the scenario
   * (not a wait for a condition). Checks every second that the given nodes stay alive.
   */
  static void hold(Duration duration, List<NodeProcess> mustStayAlive) {
    Instant end = Instant.now().plus(duration);
    while (Instant.now().isBefore(end)) {
      for (NodeProcess node : mustStayAlive) {
        assertThat(node.alive()).as("%s alive; log tail:%n%s", node.id, node.tail(40)).isTrue();
      }
      long left = Duration.between(Instant.now(), end).toMillis();
      try {
        Thread.sleep(Math.max(1, Math.min(1000, left)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** The next whole second at least {@code ahead} from now. */
  static Instant nextSecond(Duration ahead) {
    Instant t = Instant.now().plus(ahead);
    return t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(1);
  }

  /** SIGTERMs every running node and checks that each exits 0 within the shutdown timeout (30 s) plus margin. */
  void stopAll() {
    List<NodeProcess> running = nodes.stream().filter(NodeProcess::alive).toList();
    running.forEach(n -> n.process().destroy());
    for (NodeProcess node : running) {
      int exit = node.terminate(45);
      assertThat(exit).as("%s exit code after SIGTERM; log tail:%n%s", node.id, node.tail(40)).isZero();
    }
  }

  /**
   * Triggers left stuck once every node stopped: chime's triggers in BLOCKED or ACQUIRED (a run or an
   * acquisition nobody will finish) plus rows left in qrtz_fired_triggers.
   */
  long stuckTriggers() {
    return db.count("SELECT count(*) FROM qrtz_triggers WHERE trigger_state IN ('BLOCKED', 'ACQUIRED', 'PAUSED_BLOCKED')")
        + db.count("SELECT count(*) FROM qrtz_fired_triggers");
  }

  /** What {@link #stuckTriggers()} counted: trigger/state, and fired rows as instance/trigger/state. */
  String stuckDetails() {
    List<String> rows = new ArrayList<>();
    db.query("SELECT trigger_name, trigger_state FROM qrtz_triggers WHERE trigger_state IN ('BLOCKED', 'ACQUIRED', 'PAUSED_BLOCKED')")
        .forEach(r -> rows.add("trigger " + r.get(0) + "/" + r.get(1)));
    db.query("SELECT instance_name, trigger_name, state FROM qrtz_fired_triggers")
        .forEach(r -> rows.add("fired " + r.get(0) + "/" + r.get(1) + "/" + r.get(2)));
    return rows.toString();
  }

  /** Log lines of every node containing any of the needles. */
  List<String> grepLogs(String... needles) {
    List<String> hits = new ArrayList<>();
    nodes.forEach(n -> hits.addAll(n.grep(needles)));
    return hits;
  }

  @Override
  public void close() {
    for (NodeProcess node : nodes) {
      if (node.alive()) {
        try {
          node.resume();
        } catch (RuntimeException ignored) {
          // not stopped
        }
        node.process().destroy();
      }
    }
    for (NodeProcess node : nodes) {
      if (node.process() != null && node.alive() && node.terminate(40) == -1) {
        node.process().destroyForcibly();
      }
    }
  }
}
