package dev.chime.faults;

import static dev.chime.faults.Scenarios.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chime.faults.ReliabilityReport.Result;
import dev.chime.testing.HttpProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Config and clock faults: a rolling restart onto a new file, a bad edit, a node with a skewed clock. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultConfigIT {

  @AfterAll
  static void writeReport() {
    ReliabilityReport.write();
  }

  @Test
  @Order(1)
  void rollingRestartWithAChangedConfig() throws Exception {
    Result r = new Result("7 rolling restart onto a changed config");
    try (Cluster c = new Cluster("s7-rolling")) {
      List<String> kept = List.of("keep-a", "keep-b");
      String v1 = Scenarios.sqlJobs(kept, "* * * * * ?") + Scenarios.sqlJobs(List.of("change-c", "drop-e"), "* * * * * ?");
      String v2 = Scenarios.sqlJobs(kept, "* * * * * ?") + Scenarios.sqlJobs(List.of("change-c"), "0/2 * * * * ?")
          + Scenarios.sqlJobs(List.of("add-d"), "* * * * * ?");
      List<NodeProcess> nodes = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        nodes.add(c.node("node-" + i, c.writeConfig("node-" + i + ".conf", v1), Map.of()));
      }
      Cluster.startAll(nodes);
      Cluster.awaitReady(nodes, START);
      Instant from = Cluster.nextSecond(Duration.ofSeconds(1));
      Cluster.hold(Duration.ofSeconds(3), nodes);
      Instant rollStart = Instant.now();
      Instant firstV2 = null;
      for (NodeProcess node : nodes) {
        List<NodeProcess> others = nodes.stream().filter(n -> n != node).toList();
        assertThat(node.terminate(45)).as("%s exit after SIGTERM", node.id).isZero();
        c.writeConfig(node.id + ".conf", v2); // the node's file, replaced while it is down
        node.start();
        Cluster.awaitReady(List.of(node), START);
        if (firstV2 == null) {
          firstV2 = Instant.now();
        }
        others.forEach(o -> assertThat(o.alive()).isTrue());
      }
      Duration roll = Duration.between(rollStart, Instant.now());
      Cluster.hold(Duration.ofSeconds(3), nodes);
      Instant to = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      r.tally = Scenarios.settle(c.db, Scenarios.periods(kept, 1), from, to);
      List<RunLedger.Run> runs = RunLedger.read(c.db);
      RunLedger.Tally changed = RunLedger.tally(runs, Map.of("change-c", 1, "add-d", 1), from, to);
      Instant v2At = firstV2;
      long droppedAfter = runs.stream().filter(x -> x.job().equals("drop-e") && x.scheduledAt().isAfter(v2At)).count();
      List<List<Object>> store = c.db.query("SELECT t.job_name, ct.cron_expression FROM qrtz_triggers t JOIN qrtz_cron_triggers ct "
          + "ON ct.sched_name = t.sched_name AND ct.trigger_name = t.trigger_name AND ct.trigger_group = t.trigger_group "
          + "WHERE t.trigger_group = 'chime' ORDER BY t.job_name");
      List<Object> jobsInStore = c.db.query("SELECT job_name FROM qrtz_job_details WHERE job_group = 'chime' ORDER BY job_name")
          .stream().map(row -> row.get(0)).toList();
      c.stopAll();
      r.stuck(c);
      r.time = "roll " + ReliabilityReport.seconds(roll) + " (3 restarts)";
      r.note("counted: keep-a, keep-b (1/s, unchanged)").note("changed/added jobs doubled " + changed.duplicates())
          .note("drop-e runs after the new file applied " + droppedAfter).note("store " + store);
      assertThat(r.tally.duplicates()).as(r.tally.summary()).isZero();
      assertThat(r.tally.missed()).as(r.tally.summary()).isZero();
      assertThat(changed.duplicates()).as(changed.summary()).isZero();
      assertThat(droppedAfter).isZero();
      assertThat(jobsInStore).containsExactly("add-d", "change-c", "keep-a", "keep-b");
      assertThat(store).contains(List.of("change-c", "0/2 * * * * ?"));
      assertThat(r.stuck).isZero();
    } catch (Throwable t) {
      r.failed(t);
      throw t;
    } finally {
      r.report();
    }
  }

  @Test
  @Order(2)
  void badEditChangesNothingThenAValidOneApplies() throws Exception {
    Result r = new Result("8 bad edit, then a valid one (2 nodes, one shared file)");
    try (Cluster c = new Cluster("s8-bad-edit")) {
      String good = Scenarios.sqlJobs(List.of("tick-a", "tick-b"), "* * * * * ?");
      Path config = c.writeConfig("chime.conf", good);
      List<NodeProcess> nodes = c.nodes(2, config, Map.of());
      Cluster.startAll(nodes);
      Cluster.awaitReady(nodes, START);
      Instant from = Cluster.nextSecond(Duration.ofSeconds(1));
      String storeQuery = "SELECT j.job_name, ct.cron_expression, md5(j.job_data), t.next_fire_time IS NOT NULL FROM qrtz_job_details j "
          + "LEFT JOIN qrtz_triggers t ON t.sched_name = j.sched_name AND t.job_name = j.job_name AND t.job_group = j.job_group "
          + "LEFT JOIN qrtz_cron_triggers ct ON ct.sched_name = t.sched_name AND ct.trigger_name = t.trigger_name "
          + "AND ct.trigger_group = t.trigger_group WHERE j.job_group = 'chime' ORDER BY j.job_name";
      String before = c.db.query(storeQuery).toString();
      Cluster.hold(Duration.ofSeconds(3), nodes);

      // Invalid: hour 25, a typo'd key, and a new job that must not appear.
      c.writeConfig("chime.conf", Scenarios.sqlJobs(List.of("tick-a"), "* * * * * ?")
          + "    tick-b { cron = \"0 0 25 * * ?\", sql { statement = \"SELECT 1\" } }\n"
          + "    tick-c { cron = \"* * * * * ?\", sql { statment = \"SELECT 1\" } }\n");
      for (NodeProcess n : nodes) {
        await(n.id + " refuses the file").atMost(Duration.ofSeconds(20)).until(() -> !n.grep("refused; the running schedule is kept").isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> n.metric("chime_config_reloads_total{outcome=\"failed\"}") >= 1);
      }
      Cluster.hold(Duration.ofSeconds(3), nodes);
      String afterBad = c.db.query(storeQuery).toString();
      boolean readyDuringBad = nodes.stream().allMatch(n -> n.readyStatus() == 200);

      // Valid: tick-b every 2 s, tick-c added.
      c.writeConfig("chime.conf", Scenarios.sqlJobs(List.of("tick-a"), "* * * * * ?")
          + Scenarios.sqlJobs(List.of("tick-b"), "0/2 * * * * ?") + Scenarios.sqlJobs(List.of("tick-c"), "* * * * * ?"));
      await("valid file applied").atMost(Duration.ofSeconds(20)).until(() ->
          c.db.count("SELECT count(*) FROM qrtz_job_details WHERE job_group = 'chime' AND job_name = 'tick-c'") == 1
              && c.db.count("SELECT count(*) FROM qrtz_cron_triggers WHERE trigger_name = 'tick-b' AND cron_expression = '0/2 * * * * ?'") == 1);
      await().atMost(Duration.ofSeconds(20)).until(() -> c.db.count("SELECT count(*) FROM chime_run WHERE job = 'tick-c'") > 0);
      Cluster.hold(Duration.ofSeconds(2), nodes);
      Instant to = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      r.tally = Scenarios.settle(c.db, Map.of("tick-a", 1), from, to);
      List<String> refusals = c.grepLogs("refused; the running schedule is kept");
      boolean allAlive = nodes.stream().allMatch(NodeProcess::alive);
      c.stopAll();
      r.stuck(c);
      r.time = "–";
      r.note("counted: tick-a (1/s) through both edits").note("refusals logged " + refusals.size())
          .note("store unchanged by the bad file: " + before.equals(afterBad))
          .note("ready during the bad file: " + readyDuringBad);
      assertThat(afterBad).as("the store after the invalid file").isEqualTo(before);
      assertThat(readyDuringBad).isTrue();
      assertThat(allAlive).as("both nodes stayed up").isTrue();
      r.assertNoDuplicateMissedOrStuck();
    } catch (Throwable t) {
      r.failed(t);
      throw t;
    } finally {
      r.report();
    }
  }

  @Test
  @Order(3)
  void nodeWithASkewedClockIsNotReady() throws Exception {
    Result r = new Result("10 clock skew (node-2 at CHIME_CLOCK_OFFSET=-30s)");
    try (Cluster c = new Cluster("s10-clock-skew")) {
      List<String> ticks = List.of("tick-a");
      Path config = c.writeConfig("chime.conf", Scenarios.sqlJobs(ticks, "* * * * * ?"));
      NodeProcess fine = c.node("node-1", config, Map.of());
      NodeProcess skewed = c.node("node-2", config, Map.of("CHIME_CLOCK_OFFSET", "-30s"));
      Cluster.startAll(List.of(fine, skewed));
      Cluster.awaitReady(List.of(fine), START);
      await("node-2 up").atMost(START).until(() -> skewed.readyStatus() > 0);
      Instant from = Cluster.nextSecond(Duration.ofSeconds(1));
      await("node-2 not ready for its clock").atMost(Duration.ofSeconds(30)).until(() -> {
        HttpProbe.Answer a = skewed.ready();
        return a.status() == 503 && a.body().contains("clock skew");
      });
      HttpProbe.Answer answer = skewed.ready();
      await("skew metric").atMost(Duration.ofSeconds(20)).until(() -> !Double.isNaN(skewed.metric("chime_clock_skew_seconds")));
      double metric = skewed.metric("chime_clock_skew_seconds");
      double fineMetric = fine.metric("chime_clock_skew_seconds");
      List<String> warnings = skewed.grep("WARN", "clock skew");
      warnings = warnings.stream().filter(l -> l.contains("WARN") && l.contains("clock skew")).toList();
      Cluster.hold(Duration.ofSeconds(5), List.of(fine, skewed));
      Instant to = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      r.tally = Scenarios.settle(c.db, Scenarios.periods(ticks, 1), from, to);
      int fineReady = fine.readyStatus();
      c.stopAll();
      r.stuck(c);
      r.note(String.format(java.util.Locale.ROOT, "chime_clock_skew_seconds node-2 %.2f, node-1 %.3f", metric, fineMetric))
          .note("node-2 /health/ready " + answer.status() + " " + answer.json().get("reasons"))
          .note("WARN lines " + warnings.size() + "; max-clock-skew 5s (default)");
      assertThat(answer.json().get("reasons")).as("clock skew is the only reason").hasSize(1);
      assertThat(metric).isBetween(-32.0, -28.0);
      assertThat(Math.abs(fineMetric)).isLessThan(1.0);
      assertThat(fineReady).as("node-1 ready").isEqualTo(200);
      assertThat(warnings).as("one warning per change of state").hasSize(1);
      r.assertNoDuplicateMissedOrStuck();
    } catch (Throwable t) {
      r.failed(t);
      throw t;
    } finally {
      r.report();
    }
  }
}
