package dev.chime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunContextTest {

  private final RunContext context = new RunContext(42, "order-sync", Instant.parse("2026-11-25T08:00:00Z"),
      Instant.parse("2026-11-25T08:00:01Z"), "fire-1", 2, "node-a", true, Map.of("batch", "10"),
      java.util.Optional.of(Instant.parse("2026-11-25T07:00:00Z")), Instant.parse("2026-11-25T08:00:00Z"));

  @Test
  void idempotencyKeyIsTheJobAndItsScheduledTime() {
    assertThat(context.idempotencyKey()).isEqualTo("order-sync@2026-11-25T08:00:00Z");
  }

  @Test
  void environmentNamesEveryField() {
    assertThat(context.asEnvironment()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
        Map.entry("CHIME_JOB", "order-sync"),
        Map.entry("CHIME_RUN_ID", "42"),
        Map.entry("CHIME_SCHEDULED_FIRE_TIME", "2026-11-25T08:00:00Z"),
        Map.entry("CHIME_ACTUAL_FIRE_TIME", "2026-11-25T08:00:01Z"),
        Map.entry("CHIME_FIRE_INSTANCE_ID", "fire-1"),
        Map.entry("CHIME_ATTEMPT", "2"),
        Map.entry("CHIME_NODE", "node-a"),
        Map.entry("CHIME_RECOVERING", "true"),
        Map.entry("CHIME_IDEMPOTENCY_KEY", "order-sync@2026-11-25T08:00:00Z"),
        Map.entry("CHIME_COVERED_FROM", "2026-11-25T07:00:00Z"),
        Map.entry("CHIME_COVERED_TO", "2026-11-25T08:00:00Z")));
  }

  @Test
  void placeholderValuesCoverParametersAndRunFields() {
    assertThat(context.placeholderValues()).containsEntry("params.batch", "10").containsEntry("run.attempt", "2")
        .containsEntry("run.idempotencyKey", "order-sync@2026-11-25T08:00:00Z")
        .containsEntry("run.coveredFrom", "2026-11-25T07:00:00Z").containsEntry("run.coveredTo", "2026-11-25T08:00:00Z")
        .hasSize(12);
  }
}
