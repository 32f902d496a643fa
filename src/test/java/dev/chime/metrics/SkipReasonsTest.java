package dev.chime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SkipReasonsTest {

  @Test
  void mapsExecutionsReasonsToBoundedKinds() {
    assertThat(SkipReasons.kindOf("run 12 was still running at this fire's time (overlap = forbid)")).isEqualTo("overlap");
    assertThat(SkipReasons.kindOf("a later fire (2026-11-25T10:00:00Z) was already due; overlap = queue keeps one waiting"))
        .isEqualTo("superseded");
    assertThat(SkipReasons.kindOf("missed fire beyond max-catch-up 10: later missed fires run instead (misfire = run-all)"))
        .isEqualTo("max_catch_up");
    assertThat(SkipReasons.kindOf("excluded date 2026-12-25 (exclude-calendars [holidays])")).isEqualTo("excluded_date");
    assertThat(SkipReasons.kindOf("outside the job's window")).isEqualTo("outside_window");
    assertThat(SkipReasons.kindOf("something new")).isEqualTo("other");
  }
}
