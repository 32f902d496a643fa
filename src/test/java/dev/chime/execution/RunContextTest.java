package dev.chime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunContextTest {

  private final RunContext context = new RunContext(42, "order-sync", Instant.parse("2026-11-25T08:00:00Z"),
      Instant.parse("2026-11-25T08:00:01Z"), "fire-1", 2, "node-a", true, Map.of("batch", "10"));

  @Test
  void idempotencyKeyIsTheJobAndItsScheduledTime() {
    assertThat(context.idempotencyKey()).isEqualTo("order-sync@2026-11-25T08:00:00Z");
  }

  @Test
  void environmentNamesEveryField() {
    assertThat(context.asEnvironment()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "CHIME_JOB", "order-sync", "CHIME_RUN_ID", "42", "CHIME_SCHEDULED_FIRE_TIME", "2026-11-25T08:00:00Z",
        "CHIME_ACTUAL_FIRE_TIME", "2026-11-25T08:00:01Z", "CHIME_FIRE_INSTANCE_ID", "fire-1", "CHIME_ATTEMPT", "2",
        "CHIME_NODE", "node-a", "CHIME_RECOVERING", "true", "CHIME_IDEMPOTENCY_KEY", "order-sync@2026-11-25T08:00:00Z"));
  }

  @Test
  void placeholderValuesCoverParametersAndRunFields() {
    assertThat(context.placeholderValues()).containsEntry("params.batch", "10").containsEntry("run.attempt", "2")
        .containsEntry("run.idempotencyKey", "order-sync@2026-11-25T08:00:00Z").hasSize(10);
  }
}
