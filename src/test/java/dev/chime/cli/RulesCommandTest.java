package dev.chime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code chime rules} needs no config and no database. */
class RulesCommandTest {

  private String out;
  private String err;

  private int chime(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = Main.execute(new PrintWriter(o, true), new PrintWriter(e, true), args);
    out = o.toString();
    err = e.toString();
    return code;
  }

  @Test
  void printsTheRulesWithTheGivenThresholds() {
    assertThat(chime("rules", "--failures", "5", "--max-clock-skew", "2s")).isZero();
    assertThat(out).startsWith("# chime alerting rules").contains("groups:", ">= 5", "abs(chime_clock_skew_seconds) > 2.000");
    assertThat(err).isEmpty();
  }

  @Test
  void defaultsToThreeFailuresAndFiveSecondsOfSkew() {
    assertThat(chime("rules")).isZero();
    assertThat(out).contains(">= 3", "> 5.000");
  }

  @Test
  void refusesZeroFailures() {
    assertThat(chime("rules", "--failures", "0")).isEqualTo(2);
    assertThat(err).contains("--failures must be at least 1");
  }
}
