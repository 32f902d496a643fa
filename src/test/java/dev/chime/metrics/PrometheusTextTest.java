package dev.chime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The test parser is strict enough to trust: it rejects what Prometheus rejects. */
class PrometheusTextTest {

  private static final String GOOD = """
      # HELP a_total Things.
      # TYPE a_total counter
      a_total{job="x",outcome="ok"} 3.0
      a_total{job="y \\"q\\"",outcome="ok"} 1
      # TYPE h_seconds histogram
      h_seconds_bucket{le="0.1"} 0
      h_seconds_bucket{le="+Inf"} 2
      h_seconds_count 2
      h_seconds_sum 0.5
      # TYPE g gauge
      g NaN
      """;

  @Test
  void parsesValuesLabelsAndTypes() {
    PrometheusText text = PrometheusText.parse(GOOD);
    assertThat(text.value("a_total", "job", "x", "outcome", "ok")).isEqualTo(3);
    assertThat(text.value("a_total", "job", "y \"q\"", "outcome", "ok")).isEqualTo(1);
    assertThat(text.value("h_seconds_bucket", "le", "+Inf")).isEqualTo(2);
    assertThat(text.value("g")).isNaN();
    assertThat(text.families()).containsEntry("h_seconds", "histogram");
  }

  @Test
  void rejectsMalformedExpositions() {
    assertBad("a{job=\"x} 1\n");
    assertBad("a{job=\"x\"} one\n");
    assertBad("a 1\na 2\n");
    assertBad("1a 1\n");
    assertBad("a 1\nb 1\na 2\n");
    assertBad("a 1\n# TYPE a gauge\n");
    assertBad("# TYPE h histogram\nh_bucket 1\n");
    assertBad("# TYPE a gauge\n# TYPE a gauge\n");
    assertBad("a 1");
    assertBad("a{job=\"x\",} 1 2 3\n");
  }

  private static void assertBad(String text) {
    assertThatThrownBy(() -> PrometheusText.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class);
  }
}
