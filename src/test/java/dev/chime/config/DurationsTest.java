package dev.chime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({"PT0S,0s", "PT0.5S,500ms", "PT1.5S,1500ms", "PT30S,30s", "PT5M,5m", "PT1H30M,1h30m",
      "P1D,1d", "P30D,30d", "PT-5S,-5s", "PT1H0.001S,3600001ms"})
  void formatsLikeConfigFiles(Duration duration, String text) {
    assertThat(Durations.format(duration)).isEqualTo(text);
  }
}
