package dev.chime.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The fault suite's report: one row per scenario, written as markdown to
 * {@code target/reliability-report.md} and printed, after each test class (every class rewrites the
 * whole file with the rows so far, so the last one leaves them all).
 */
final class ReliabilityReport {

  record Row(String scenario, String fires, String runs, String duplicates, String missed, String caughtUpOrSkipped,
      String stuck, String time, String verdict, String notes) {}

  private static final List<Row> ROWS = new ArrayList<>();
  private static final Instant STARTED = Instant.now();
  private static final Path FILE = Path.of("target", "reliability-report.md");

  private ReliabilityReport() {}

  static synchronized void add(String scenario, RunLedger.Tally tally, long stuck, String time, String verdict, String notes) {
    ROWS.add(new Row(scenario, n(tally == null ? -1 : tally.expected()), n(tally == null ? -1 : tally.run()),
        n(tally == null ? -1 : tally.duplicates()), n(tally == null ? -1 : tally.missed()),
        tally == null ? "–" : tally.caughtUp() + " / " + tally.skipped(), n(stuck), time, verdict, notes));
  }

  private static String n(long value) {
    return value < 0 ? "–" : Long.toString(value);
  }

  /** What one scenario found, filled in as it goes and added to the report however it ends. */
  static final class Result {
    final String scenario;
    RunLedger.Tally tally;
    long stuck = -1;
    String time = "–";
    final List<String> notes = new ArrayList<>();
    String verdict = "pass";

    Result(String scenario) {
      this.scenario = scenario;
    }

    Result note(String note) {
      notes.add(note);
      return this;
    }

    void failed(Throwable t) {
      String message = String.valueOf(t.getMessage()).replaceAll("\\s+", " ");
      verdict = "**FAIL**: " + (message.length() > 200 ? message.substring(0, 200) + "…" : message);
    }

    /** Counts the stuck triggers of a stopped cluster, noting what they are when there are any. */
    void stuck(Cluster c) {
      stuck = c.stuckTriggers();
      if (stuck > 0) {
        notes.add("left stuck: " + c.stuckDetails());
      }
    }

    /** What every scenario promises: no fire run twice, none lost, no trigger left stuck. */
    void assertNoDuplicateMissedOrStuck() {
      org.assertj.core.api.Assertions.assertThat(tally.duplicates()).as(tally.summary()).isZero();
      org.assertj.core.api.Assertions.assertThat(tally.missed()).as(tally.summary()).isZero();
      org.assertj.core.api.Assertions.assertThat(stuck).isZero();
    }

    void report() {
      add(scenario, tally, stuck, time, verdict, String.join("; ", notes));
    }
  }

  static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  static synchronized String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# chime reliability report\n\n");
    md.append("Fault suite (`Fault*IT`): real `java -jar target/chime.jar run` processes (3 nodes unless noted) on one ")
        .append("embedded PostgreSQL. Settings: shipped defaults, except CHIME_CHECK_IN_INTERVAL=1s and CHIME_IDLE_WAIT=1s ")
        .append("for every node, CHIME_MISFIRE_THRESHOLD=5s where the notes say so. Node JVMs: -Xmx256m ")
        .append("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC.\n\n");
    md.append("| scenario | fires expected | runs seen | duplicates | missed | caught up / skipped | stuck triggers "
        + "| takeover / recovery time | result | notes |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---|---|---|\n");
    for (Row r : ROWS) {
      md.append("| ").append(String.join(" | ", r.scenario(), r.fires(), r.runs(), r.duplicates(), r.missed(),
          r.caughtUpOrSkipped(), r.stuck(), r.time(), r.verdict(), r.notes().replace("|", "\\|"))).append(" |\n");
    }
    md.append("\nSuite time so far: ").append(seconds(Duration.between(STARTED, Instant.now()))).append(".\n");
    return md.toString();
  }

  /** Writes the file and prints the table. */
  static synchronized void write() {
    String md = markdown();
    try {
      Files.createDirectories(FILE.toAbsolutePath().getParent());
      Files.writeString(FILE, md);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.println(md);
  }
}
