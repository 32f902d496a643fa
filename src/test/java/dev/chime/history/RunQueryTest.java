package dev.chime.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chime.execution.RunJournal;
import dev.chime.execution.RunOutcome;
import dev.chime.execution.Fire;
import dev.chime.store.Migrations;
import dev.chime.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** History filters and pagination on real PostgreSQL. */
class RunQueryTest {

  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  private final TestDatabase db = TestDatabase.create();
  private RunRepository runs;

  @BeforeEach
  void seed() {
    Migrations.migrate(db.dataSource(), "chime");
    runs = new RunRepository(db.dataSource(), "chime");
    for (int i = 0; i < 30; i++) {
      String job = i % 3 == 0 ? "a" : i % 3 == 1 ? "b" : "c";
      Instant at = T0.plusSeconds(3600L * i);
      RunJournal.Started s = runs.start(new RunJournal.Start(job, at, at.plusSeconds(1), i % 2 == 0 ? "n1" : "n2",
          Fire.scheduled(at, at, "f" + i), Map.of("i", Integer.toString(i)), Optional.empty(), 0));
      RunOutcome outcome = i % 5 == 0 ? RunOutcome.FAILED : RunOutcome.SUCCEEDED;
      runs.finish(s.runId(), new RunJournal.Result(outcome, at.plusSeconds(2), Optional.of(outcome == RunOutcome.FAILED ? 1 : 0),
          Optional.empty(), Optional.empty(), Optional.empty(), "out " + i, 6));
    }
    new RunRepository(db.dataSource(), "other-cluster").start(
        new RunJournal.Start("a", T0, T0, "x", Fire.scheduled(T0, T0, "o"), Map.of(), Optional.empty(), 0));
  }

  private RunQuery query(List<String> jobs, List<String> outcomes, Optional<String> node, Optional<Instant> from,
      Optional<Instant> to, boolean asc, int limit, int offset) {
    return new RunQuery(jobs, outcomes, node, from, to, RunQuery.Order.SCHEDULED, asc, limit, offset);
  }

  @Test
  void pagesThroughEverythingNewestFirstWithTheTotal() {
    RunPage first = runs.find(query(List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), false, 10, 0));
    assertThat(first.total()).isEqualTo(30);
    assertThat(first.hasNext()).isTrue();
    assertThat(first.runs()).hasSize(10).first().satisfies(r -> assertThat(r.parameters()).containsEntry("i", "29"));
    RunPage last = runs.find(query(List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), false, 10, 20));
    assertThat(last.hasNext()).isFalse();
    assertThat(last.runs()).last().satisfies(r -> assertThat(r.scheduledAt()).isEqualTo(T0));
  }

  @Test
  void filtersCombine() {
    RunPage page = runs.find(query(List.of("a", "b"), List.of("failed"), Optional.of("n1"),
        Optional.of(T0), Optional.of(T0.plusSeconds(3600L * 25)), true, 100, 0));
    // failed: i = 0, 5, 10, 15, 20, 25; job a or b: i%3 in {0,1}: 0, 10, 15, 25; node n1 (even): 0, 10; before 25h: 0, 10
    assertThat(page.runs()).extracting(r -> r.parameters().get("i")).containsExactly("0", "10");
    assertThat(page.total()).isEqualTo(2);
  }

  @Test
  void oneRunWhole() {
    RunRecord any = runs.latest(Optional.of("c"), 1).get(0);
    RunRecord whole = runs.get(any.id()).orElseThrow();
    assertThat(whole.output()).contains("out 29");
    assertThat(whole.exitCode()).contains(0);
    assertThat(runs.get(999_999)).isEmpty();
  }
}
