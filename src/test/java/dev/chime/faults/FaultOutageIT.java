package dev.chime.faults;

import static dev.chime.faults.Scenarios.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chime.faults.ReliabilityReport.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Outages: PostgreSQL stopped under load and started again; every node down across several fire
 * times. Both run with CHIME_MISFIRE_THRESHOLD=5s so that the outage's fires are misfires (with the
 * 60 s default a 20 s outage is only "late") and the misfire policy (run-once, the default) decides.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultOutageIT {

  private static final Map<String, String> MISFIRE_5S = Map.of("CHIME_MISFIRE_THRESHOLD", "5s");

  @AfterAll
  static void writeReport() {
    ReliabilityReport.write();
  }

  @Test
  @Order(1)
  void databaseOutageUnderLoad() throws Exception {
    Result r = new Result("5 database outage (PostgreSQL stopped 20 s)");
    FaultPostgres postgres = FaultPostgres.shared();
    try (Cluster c = new Cluster("s5-db-outage")) {
      List<String> ticks = Scenarios.names("tick", 5);
      Path config = c.writeConfig("chime.conf", Scenarios.sqlJobs(ticks, "* * * * * ?"));
      List<NodeProcess> nodes = c.nodes(3, config, MISFIRE_5S);
      Cluster.startAll(nodes);
      Cluster.awaitReady(nodes, START);
      Instant from = Cluster.nextSecond(Duration.ofSeconds(1));
      Cluster.hold(Duration.ofSeconds(8), nodes); // load before the outage

      Instant downAt = Instant.now();
      postgres.stop();
      Instant upAt;
      try {
        for (NodeProcess n : nodes) {
          await(n.id + " not ready").atMost(Duration.ofSeconds(15)).until(() -> n.readyStatus() == 503);
        }
        Duration notReadyAfter = Duration.between(downAt, Instant.now());
        r.note("all 503 within " + ReliabilityReport.seconds(notReadyAfter) + " of the stop");
        // The outage's length is the point of the scenario: a bounded wait, checking the nodes stay up.
        Cluster.hold(Duration.ofSeconds(20).minus(Duration.between(downAt, Instant.now())), nodes);
      } finally {
        postgres.start();
        upAt = Instant.now();
      }
      Duration readyAgain = Cluster.awaitReady(nodes, Duration.ofSeconds(60));
      Cluster.hold(Duration.ofSeconds(8), nodes); // load after the outage
      Instant to = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      r.tally = Scenarios.settle(c.db, Scenarios.periods(ticks, 1), from, to);
      List<RunLedger.Run> runs = RunLedger.read(c.db);
      Map<String, Long> catchUps = RunLedger.catchUps(runs);
      Instant firstAfter = runs.stream().filter(x -> x.startedAt().isAfter(upAt)).map(RunLedger.Run::startedAt).min(Instant::compareTo).orElse(null);
      c.stopAll();
      r.stuck(c);
      r.time = "ready again " + ReliabilityReport.seconds(readyAgain) + " after restart; first run "
          + (firstAfter == null ? "none" : ReliabilityReport.seconds(Duration.between(upAt, firstAfter))) + " after";
      r.note("outage " + ReliabilityReport.seconds(Duration.between(downAt, upAt)) + ", CHIME_MISFIRE_THRESHOLD=5s")
          .note("catch-up runs per job " + catchUps);
      assertThat(r.tally.duplicates()).as(r.tally.summary()).isZero();
      assertThat(r.tally.missed()).as(r.tally.summary()).isZero();
      assertThat(catchUps.values()).as("one catch-up per job at most: %s", catchUps).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(1));
      assertThat(r.stuck).isZero();
    } catch (Throwable t) {
      r.failed(t);
      throw t;
    } finally {
      postgres.start();
      r.report();
    }
  }

  @Test
  @Order(2)
  void allNodesDownThenUp() throws Exception {
    Result r = new Result("6 all nodes down 15 s, then up");
    try (Cluster c = new Cluster("s6-all-down")) {
      List<String> jobs = Scenarios.names("every2s", 3);
      Path config = c.writeConfig("chime.conf", Scenarios.sqlJobs(jobs, "0/2 * * * * ?"));
      List<NodeProcess> nodes = c.nodes(3, config, MISFIRE_5S);
      Cluster.startAll(nodes);
      Cluster.awaitReady(nodes, START);
      Instant from = Cluster.nextSecond(Duration.ofSeconds(1));
      Cluster.hold(Duration.ofSeconds(5), nodes);
      c.stopAll(); // every node down (SIGTERM, exit 0)
      Instant downAt = Instant.now();
      // Down across ~7 fire times of each job: a deliberate, bounded stop.
      Cluster.hold(Duration.ofSeconds(15), List.of());
      Instant upAt = Instant.now();
      Cluster.startAll(nodes);
      Duration ready = Cluster.awaitReady(nodes, START);
      Cluster.hold(Duration.ofSeconds(6), nodes);
      Instant to = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      Map<String, Integer> periods = Scenarios.periods(jobs, 2);
      r.tally = Scenarios.settle(c.db, periods, from, to);
      List<RunLedger.Run> runs = RunLedger.read(c.db);
      Map<String, Long> catchUps = RunLedger.catchUps(runs);
      // Fires more than the threshold (5 s) old when the nodes came back must not run one by one.
      long stormRuns = runs.stream().filter(x -> x.scheduledAt().isAfter(downAt) && x.scheduledAt().isBefore(upAt.minusSeconds(5))
          && !x.trigger().equals("catch_up") && !x.outcome().equals("skipped")).count();
      double misfires = 0;
      for (NodeProcess n : nodes) {
        for (String job : jobs) {
          double v = n.metric("chime_job_misfires_total{job=\"" + job + "\"}");
          misfires += Double.isNaN(v) ? 0 : v;
        }
      }
      c.stopAll();
      r.stuck(c);
      r.time = "all ready " + ReliabilityReport.seconds(ready) + " after the restart";
      r.note("down " + ReliabilityReport.seconds(Duration.between(downAt, upAt)) + ", CHIME_MISFIRE_THRESHOLD=5s, stop by SIGTERM")
          .note("catch-up runs per job " + catchUps + "; individual runs of outage fires " + stormRuns
              + "; misfires counted by the nodes (sum) " + (long) misfires);
      assertThat(catchUps).as("the misfire policy ran once per job, cluster-wide").hasSize(jobs.size())
          .allSatisfy((job, n) -> assertThat(n).isEqualTo(1));
      assertThat(stormRuns).as("no misfire storm: one catch-up per job stands for the outage").isZero();
      r.assertNoDuplicateMissedOrStuck();
    } catch (Throwable t) {
      r.failed(t);
      throw t;
    } finally {
      r.report();
    }
  }
}
