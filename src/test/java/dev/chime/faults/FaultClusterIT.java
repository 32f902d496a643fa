package dev.chime.faults;

import static dev.chime.faults.Scenarios.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chime.faults.ReliabilityReport.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Fault scenarios on a running three-node cluster: exactly-once under load, a cold start, a node
 * killed (SIGKILL), a node stopped (SIGTERM) mid-run, a node frozen (SIGSTOP) past the recovery time.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultClusterIT {

  @AfterAll
  static void writeReport() {
    ReliabilityReport.write();
  }

  @Test
  @Order(1)
  void exactlyOnceUnderLoad() throws Exception {
    Result r = new Result("1 exactly-once (20 jobs × 1/s, 60 s)");
    try (Cluster c = new Cluster("s1-exactly-once")) {
      List<String> jobs = Scenarios.names("tick", 20);
      Path config = c.writeConfig("chime.conf", Scenarios.sqlJobs(jobs, "* * * * * ?"));
      List<NodeProcess> nodes = c.nodes(3, config, Map.of());
      Cluster.startAll(nodes);
      Cluster.awaitReady(nodes, START);
      Instant from = Cluster.nextSecond(Duration.ofSeconds(1));
      Instant to = from.plusSeconds(60);
      Cluster.hold(Duration.between(Instant.now(), to), nodes); // the 60 s load window itself
      r.tally = Scenarios.settle(c.db, Scenarios.periods(jobs, 1), from, to);
      Map<String, Long> perNode = RunLedger.perNode(RunLedger.read(c.db), from, to);
      long lagP99 = c.db.count("SELECT coalesce(percentile_disc(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - scheduled_at) * 1000), 0)::bigint "
          + "FROM chime_run WHERE scheduled_at >= '" + from + "' AND scheduled_at < '" + to + "'");
      c.stopAll();
      r.stuck(c);
      r.time = "–";
      r.note("runs per node " + perNode).note("fire lag p99 " + lagP99 + " ms");
      assertThat(r.tally.duplicates()).as(r.tally.summary()).isZero();
      assertThat(r.tally.missed()).as(r.tally.summary()).isZero();
      assertThat(r.tally.run()).as(r.tally.summary()).isEqualTo(r.tally.expected());
      assertThat(perNode).as("work spread over the nodes").hasSize(3);
      perNode.values().forEach(n -> assertThat(n).as("each node's share of %s", perNode).isGreaterThan(r.tally.expected() / 10));
      assertThat(r.stuck).as("stuck triggers").isZero();
    } catch (Throwable t) {
      r.failed(t);
      throw t;
    } finally {
      r.report();
    }
  }

  @Test
  @Order(2)
  void coldStartOfThreeNodesAtOnce() throws Exception {
    Result r = new Result("2 cold start (3 nodes at once, empty database)");
    try (Cluster c = new Cluster("s2-cold-start")) {
      List<String> jobs = Scenarios.names("daily", 5);
      Path config = c.writeConfig("chime.conf", Scenarios.sqlJobs(jobs, "0 0 3 * * ?"));
      List<NodeProcess> nodes = c.nodes(3, config, Map.of());
      Instant start = Instant.now();
      Cluster.startAll(nodes);
      Cluster.awaitReady(nodes, START);
      nodes.forEach(n -> assertThat(n.processGroup()).as("setsid made %s a group leader", n.id).isEqualTo(n.pid()));
      r.time = "all 3 ready " + ReliabilityReport.seconds(Duration.between(start, Instant.now())) + " after start";

      List<List<Object>> versions = c.db.query("SELECT version, count(*), bool_and(success) FROM chime_schema_history "
          + "WHERE version IS NOT NULL AND version <> '0' GROUP BY version ORDER BY version");
      long migrationFiles;
      try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
        migrationFiles = files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
      }
      List<String> lockErrors = c.grepLogs(" ERROR ", "duplicate key", "deadlock", "LockException", "could not obtain",
          "qrtz_locks", "Couldn't");
      List<List<Object>> triggers = c.db.query("SELECT job_name, count(*) FROM qrtz_triggers WHERE trigger_group = 'chime' "
          + "GROUP BY job_name ORDER BY job_name");
      long lockRows = c.db.count("SELECT count(*) FROM qrtz_locks WHERE sched_name = 'chime'");
      List<String> added = c.grepLogs("Reconciled config into the store: 5 added");
      c.stopAll();
      r.stuck(c);
      r.note("migrations applied once each: " + versions.size() + "/" + migrationFiles)
          .note("lock-row/ERROR log lines: " + lockErrors.size())
          .note("jobs added by " + added.size() + " node (the others found them unchanged)")
          .note("triggers per job " + triggers.stream().map(t -> t.get(1).toString()).distinct().toList());
      assertThat(versions).as("each migration applied once, successfully").hasSize((int) migrationFiles)
          .allSatisfy(v -> {
            assertThat(((Number) v.get(1)).longValue()).isEqualTo(1);
            assertThat(v.get(2)).isEqualTo(Boolean.TRUE);
          });
      assertThat(lockErrors).as("lock-row errors in the logs").isEmpty();
      assertThat(lockRows).isEqualTo(2);
      assertThat(triggers).hasSize(jobs.size()).allSatisfy(t -> assertThat(((Number) t.get(1)).longValue()).isEqualTo(1));
      assertThat(added).as("one node created the jobs").hasSize(1);
      assertThat(r.stuck).isZero();
    } catch (Throwable t) {
      r.failed(t);
      throw t;
    } finally {
      r.report();
    }
  }

  @Test
  @Order(3)
  void failoverAfterSigkill() throws Exception {
    Result r = new Result("3 failover (SIGKILL the node running a job)");
    try (Cluster c = new Cluster("s3-failover")) {
      Path marker = c.dir.resolve("victim.marker");
      Path pidFile = c.dir.resolve("victim.pid");
      Path keys = c.dir.resolve("victim.keys");
      List<String> ticks = Scenarios.names("tick", 3);
      String victim = ("    victim { cron = \"0/5 * * * * ?\", command.args = [\"sh\", \"-c\", "
          + "\"echo $CHIME_ATTEMPT $CHIME_IDEMPOTENCY_KEY $CHIME_RECOVERING $CHIME_NODE >> %s; "
          + "if mkdir %s 2>/dev/null; then echo $$ > %s; exec sleep 120; fi; echo done\"] }\n").formatted(keys, marker, pidFile);
      Path config = c.writeConfig("chime.conf", Scenarios.sqlJobs(ticks, "* * * * * ?") + victim);
      List<NodeProcess> nodes = c.nodes(3, config, Map.of());
      Cluster.startAll(nodes);
      Cluster.awaitReady(nodes, START);
      Instant from = Cluster.nextSecond(Duration.ofSeconds(1));

      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> Files.exists(pidFile)
          && !Files.readString(pidFile).isBlank() && running(c, "victim").isPresent());
      RunLedger.Run first = running(c, "victim").orElseThrow();
      NodeProcess a = nodes.stream().filter(n -> n.id.equals(first.node())).findFirst().orElseThrow();
      long jobPid = Long.parseLong(Files.readString(pidFile).trim());
      Instant killedAt = Instant.now();
      a.crash(); // SIGKILL to A's process group: the JVM and its job, like a host losing power
      await("A's job died with it").atMost(Duration.ofSeconds(10))
          .until(() -> !ProcessHandle.of(jobPid).map(ProcessHandle::isAlive).orElse(false) || zombie(jobPid));

      await().atMost(Duration.ofSeconds(60)).until(() -> attempts(c, first).stream().anyMatch(x -> x.attempt() == 2 && x.completed()));
      RunLedger.Run second = attempts(c, first).stream().filter(x -> x.attempt() == 2).findFirst().orElseThrow();
      Duration takeover = Duration.between(killedAt, second.startedAt());
      await().atMost(Duration.ofSeconds(30)).until(() -> attempts(c, first).stream().anyMatch(x -> x.attempt() == 1 && x.outcome().equals("lost")));
      Cluster.hold(Duration.ofSeconds(3), nodes.stream().filter(n -> n != a).toList()); // load after the takeover
      Instant to = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      r.tally = Scenarios.settle(c.db, Scenarios.periods(ticks, 1), from, to);
      List<String> keyLines = Files.readAllLines(keys).stream().filter(l -> l.contains("@" + first.scheduledAt())).toList();
      c.stopAll();
      r.stuck(c);
      r.time = "takeover " + ReliabilityReport.seconds(takeover) + " (SIGKILL → recovery run started)";
      r.note("A = " + a.id + ", recovered on " + second.node() + " as attempt " + second.attempt() + " (" + second.trigger() + ")")
          .note("A's run: " + attempts(c, first).get(0).outcome())
          .note("ticks: 3 × 1/s sql jobs across the kill");
      assertThat(second.trigger()).isEqualTo("recovery");
      assertThat(second.node()).isNotEqualTo(a.id);
      assertThat(keyLines).as("attempts of the fire, each with its idempotency key").hasSize(2);
      assertThat(keyLines.get(0).split(" ")[1]).as("same idempotency key").isEqualTo(keyLines.get(1).split(" ")[1])
          .isEqualTo("victim@" + first.scheduledAt());
      assertThat(keyLines.get(1).split(" ")[2]).as("recovering").isEqualTo("true");
      assertThat(takeover).as("takeover within check-in + 7.5 s + a margin").isLessThan(Duration.ofSeconds(20));
      r.assertNoDuplicateMissedOrStuck();
    } catch (Throwable t) {
      r.failed(t);
      throw t;
    } finally {
      r.report();
    }
  }

  @Test
  @Order(4)
  void gracefulStopMidRun() throws Exception {
    Result r = new Result("4 graceful (SIGTERM a node mid-run)");
    try (Cluster c = new Cluster("s4-graceful")) {
      List<String> ticks = Scenarios.names("tick", 3);
      String slow = "    slow { cron = \"0/5 * * * * ?\", command.args = [\"sh\", \"-c\", \"sleep 4; echo done\"] }\n";
      Path config = c.writeConfig("chime.conf", Scenarios.sqlJobs(ticks, "* * * * * ?") + slow);
      List<NodeProcess> nodes = c.nodes(3, config, Map.of());
      Cluster.startAll(nodes);
      Cluster.awaitReady(nodes, START);
      Instant from = Cluster.nextSecond(Duration.ofSeconds(1));
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> running(c, "slow").isPresent());
      RunLedger.Run run = running(c, "slow").orElseThrow();
      NodeProcess x = nodes.stream().filter(n -> n.id.equals(run.node())).findFirst().orElseThrow();
      Instant termAt = Instant.now();
      int exit = x.terminate(45); // SIGTERM
      Duration stop = Duration.between(termAt, Instant.now());
      List<NodeProcess> others = nodes.stream().filter(n -> n != x).toList();
      Cluster.hold(Duration.ofSeconds(6), others); // the cluster carries on without x
      Instant to = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      Map<String, Integer> periods = Scenarios.periods(ticks, 1);
      periods.put("slow", 5);
      r.tally = Scenarios.settle(c.db, periods, from, to);
      List<RunLedger.Run> fire = attempts(c, run);
      long recoveries = c.db.count("SELECT count(*) FROM chime_run WHERE trigger = 'recovery'");
      long lost = c.db.count("SELECT count(*) FROM chime_run WHERE outcome = 'lost'");
      List<String> fences = c.grepLogs("has not checked in to the cluster");
      boolean othersReady = others.stream().allMatch(n -> n.readyStatus() == 200);
      c.stopAll();
      r.stuck(c);
      r.time = "SIGTERM → exit " + ReliabilityReport.seconds(stop) + " (shutdown-timeout 30 s)";
      r.note(x.id + " exit " + exit + "; its run: " + fire.stream().map(f -> f.node() + "/" + f.outcome()).toList())
          .note("recovery runs " + recoveries + ", lost " + lost + ", fence log lines " + fences.size());
      assertThat(exit).isZero();
      assertThat(stop).isLessThan(Duration.ofSeconds(35));
      assertThat(fire.stream().filter(RunLedger.Run::completed).count()).as("the interrupted fire completed once: %s", fire).isEqualTo(1);
      assertThat(lost).as("nothing lost").isZero();
      assertThat(fences).as("no node fenced itself").isEmpty();
      assertThat(recoveries).as("no false failover: only x's own fire may be recovered").isLessThanOrEqualTo(
          fire.stream().anyMatch(f -> f.outcome().equals("interrupted")) ? 1 : 0);
      assertThat(othersReady).as("the other nodes stayed ready").isTrue();
      r.assertNoDuplicateMissedOrStuck();
    } catch (Throwable t) {
      r.failed(t);
      throw t;
    } finally {
      r.report();
    }
  }

  @Test
  @Order(5)
  void stalledNodeFencesItself() throws Exception {
    Result r = new Result("9 stalled node (SIGSTOP past the recovery time)");
    try (Cluster c = new Cluster("s9-stalled")) {
      Path marker = c.dir.resolve("stall.marker");
      Path beats = c.dir.resolve("stall.beats");
      List<String> ticks = Scenarios.names("tick", 3);
      // The first run, and its recovery, write a heartbeat (attempt, epoch ms) every 250 ms for 15 s.
      String stall = ("    stall { cron = \"0/5 * * * * ?\", command.args = [\"sh\", \"-c\", "
          + "\"if mkdir %s 2>/dev/null || [ $CHIME_RECOVERING = true ]; then i=0; while [ $i -lt 60 ]; do "
          + "echo $CHIME_ATTEMPT $(date +%%s%%3N) >> %s; sleep 0.25; i=$((i+1)); done; fi; echo done\"] }\n").formatted(marker, beats);
      Path config = c.writeConfig("chime.conf", Scenarios.sqlJobs(ticks, "* * * * * ?") + stall);
      List<NodeProcess> nodes = c.nodes(3, config, Map.of());
      Cluster.startAll(nodes);
      Cluster.awaitReady(nodes, START);
      Instant from = Cluster.nextSecond(Duration.ofSeconds(1));
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> running(c, "stall").isPresent()
          && Files.exists(beats) && Files.readAllLines(beats).size() >= 4);
      RunLedger.Run first = running(c, "stall").orElseThrow();
      NodeProcess a = nodes.stream().filter(n -> n.id.equals(first.node())).findFirst().orElseThrow();
      Instant pausedAt = Instant.now();
      a.pause(); // SIGSTOP to A's process group: the JVM and its job freeze together
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> attempts(c, first).stream().anyMatch(x -> x.attempt() >= 2)
          && Files.readAllLines(beats).stream().anyMatch(l -> l.startsWith("2 ")));
      RunLedger.Run second = attempts(c, first).stream().filter(x -> x.attempt() >= 2).findFirst().orElseThrow();
      Instant resumedAt = Instant.now();
      a.resume(); // SIGCONT, once the fire was recovered elsewhere: the stall outlasted the recovery time
      await().atMost(Duration.ofSeconds(20)).until(() -> !a.grep("has not checked in to the cluster").isEmpty());
      Instant fencedAt = Scenarios.logTime(a.grep("has not checked in to the cluster").get(0));
      await().atMost(Duration.ofSeconds(60)).until(() -> attempts(c, first).stream().anyMatch(x -> x.attempt() >= 2 && x.completed()));
      await().atMost(Duration.ofSeconds(30)).until(() -> a.readyStatus() == 200); // unfenced, ready again
      Instant to = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      r.tally = Scenarios.settle(c.db, Scenarios.periods(ticks, 1), from, to);

      List<long[]> hb = new ArrayList<>();
      for (String line : Files.readAllLines(beats)) {
        String[] f = line.trim().split(" ");
        hb.add(new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])});
      }
      long secondStart = hb.stream().filter(h -> h[0] >= 2).mapToLong(h -> h[1]).min().orElseThrow();
      long secondEnd = hb.stream().filter(h -> h[0] >= 2).mapToLong(h -> h[1]).max().orElseThrow();
      List<long[]> overlapping = hb.stream().filter(h -> h[0] == 1 && h[1] >= secondStart && h[1] <= secondEnd).toList();
      long lastFirst = hb.stream().filter(h -> h[0] == 1).mapToLong(h -> h[1]).max().orElseThrow();
      List<RunLedger.Run> fire = attempts(c, first);
      // A fire doubled here must be one A was running when it froze: A finished it on waking, after
      // another node had recovered it (at-least-once, same idempotency key).
      Map<String, List<RunLedger.Run>> byFire = RunLedger.read(c.db).stream().filter(x -> ticks.contains(x.job()))
          .collect(java.util.stream.Collectors.groupingBy(x -> x.job() + "@" + x.scheduledAt()));
      List<List<RunLedger.Run>> doubled = byFire.values().stream()
          .filter(l -> l.stream().filter(RunLedger.Run::completed).count() > 1).toList();
      long inFlightRecovered = doubled.stream().filter(l -> l.stream().anyMatch(x -> x.trigger().equals("recovery"))
          && l.stream().anyMatch(x -> x.node().equals(a.id) && x.attempt() == 1)).count();
      c.stopAll();
      r.stuck(c);
      r.time = "recovery " + ReliabilityReport.seconds(Duration.between(pausedAt, second.startedAt())) + " after SIGSTOP; fenced "
          + Duration.between(resumedAt, fencedAt).toMillis() + " ms after SIGCONT";
      r.note("A = " + a.id + " stopped " + ReliabilityReport.seconds(Duration.between(pausedAt, resumedAt)))
          .note("attempts " + fire.stream().map(f -> f.attempt() + ":" + f.node() + "/" + f.trigger() + "/" + f.outcome()).toList())
          .note("attempt-1 heartbeats while attempt 2 ran: " + overlapping.size()
              + " (last one " + (lastFirst - resumedAt.toEpochMilli()) + " ms after SIGCONT)")
          .note("doubled tick fires " + doubled.size() + ", of which in flight on " + a.id + " at SIGSTOP and recovered: " + inFlightRecovered
              + (doubled.isEmpty() ? "" : " " + doubled.get(0).stream().map(x -> x.node() + "/" + x.attempt() + "/" + x.trigger() + "/" + x.outcome()).toList()));
      assertThat(second.node()).isNotEqualTo(a.id);
      assertThat(second.trigger()).isEqualTo("recovery");
      // A frozen host's processes resume together: the job gets the CPU a few ms before the fence
      // (which reacts within ms of SIGCONT) kills it. Bound that window; the report shows the count.
      assertThat(lastFirst - resumedAt.toEpochMilli()).as("the stalled run's last heartbeat after SIGCONT (ms)").isLessThan(1000);
      assertThat(Duration.between(resumedAt, fencedAt)).as("fenced after SIGCONT").isLessThan(Duration.ofSeconds(2));
      assertThat(inFlightRecovered).as("only fires in flight on the stalled node ran twice: %s", doubled).isEqualTo(doubled.size());
      assertThat(r.tally.missed()).as(r.tally.summary()).isZero();
      assertThat(r.stuck).isZero();
    } catch (Throwable t) {
      r.failed(t);
      throw t;
    } finally {
      r.report();
    }
  }

  /** A killed process whose parent died is a zombie until init reaps it: dead for our purpose. */
  static boolean zombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (java.io.IOException e) {
      return true;
    }
  }

  static Optional<RunLedger.Run> running(Cluster c, String job) {
    return RunLedger.read(c.db).stream().filter(x -> x.job().equals(job) && x.outcome().equals("running") && x.attempt() == 1)
        .findFirst();
  }

  /** Every record of the same fire as {@code run}, by attempt. */
  static List<RunLedger.Run> attempts(Cluster c, RunLedger.Run run) {
    return RunLedger.read(c.db).stream().filter(x -> x.job().equals(run.job()) && x.scheduledAt().equals(run.scheduledAt()))
        .sorted(java.util.Comparator.comparingInt(RunLedger.Run::attempt)).toList();
  }
}
