package dev.chime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.quartz.CronExpression;

class CronExpressionsTest {

  /** A Monday. */
  private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

  private static final String UNIX_BOTH_RESTRICTED =
      "day-of-month and day-of-week are both restricted; Quartz cannot express Unix cron's"
          + " 'either' rule (run when either matches) — split it into two jobs or restrict only"
          + " one of them";
  private static final String QUARTZ_BOTH_GIVEN =
      "day-of-month and day-of-week are both given; Quartz needs '?' in one of them"
          + " (e.g. '0 0 12 * * ?' or '0 0 12 ? * MON')";

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "@hourly    | 0 0 * * * ?",
        "@daily     | 0 0 0 * * ?",
        "@midnight  | 0 0 0 * * ?",
        "@weekly    | 0 0 0 ? * SUN",
        "@monthly   | 0 0 0 1 * ?",
        "@yearly    | 0 0 0 1 1 ?",
        "@annually  | 0 0 0 1 1 ?",
        "@DAILY     | 0 0 0 * * ?",
        "'  @Weekly ' | 0 0 0 ? * SUN",
      })
  void macros(String macro, String quartz) {
    assertThat(CronExpressions.toQuartz(macro)).isEqualTo(quartz);
    assertThat(CronExpression.isValidExpression(quartz)).isTrue();
  }

  @Test
  void unknownMacro() {
    assertThatThrownBy(() -> CronExpressions.toQuartz("@every"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown macro '@every'; expected one of @hourly, @daily, @midnight, @weekly,"
                + " @monthly, @yearly, @annually");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "*/15 * * * *       | 0 */15 * * * ?",
        "0 2 * * 1-5        | 0 0 2 ? * MON-FRI",
        "0 9 * * 0,7        | 0 0 9 ? * SUN",
        "30 2 1 * *         | 0 30 2 1 * ?",
        "0 0 * * */2        | 0 0 0 ? * SUN,TUE,THU,SAT",
        "0 0 * * 1-5/2      | 0 0 0 ? * MON,WED,FRI",
        "0 0 * * 5-7        | 0 0 0 ? * SUN,FRI,SAT",
        "0 0 * * 1,2        | 0 0 0 ? * MON,TUE",
        "0 12 * * mon       | 0 0 12 ? * MON",
        "0 12 * * Mon-Fri   | 0 0 12 ? * MON-FRI",
        "0 0 1 jan *        | 0 0 0 1 JAN ?",
        "5,35 8-18 * * *    | 0 5,35 8-18 * * ?",
        "'  0   3  *  * * ' | 0 0 3 * * ?",
      })
  void convertsUnixExpressions(String unix, String quartz) {
    assertThat(CronExpressions.toQuartz(unix)).isEqualTo(quartz);
    assertThat(CronExpression.isValidExpression(quartz)).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "*/15 * * * *  | 2026-03-02T00:15:00Z 2026-03-02T00:30:00Z 2026-03-02T00:45:00Z"
            + " 2026-03-02T01:00:00Z",
        "0 2 * * 1-5   | 2026-03-02T02:00:00Z 2026-03-03T02:00:00Z 2026-03-04T02:00:00Z"
            + " 2026-03-05T02:00:00Z 2026-03-06T02:00:00Z 2026-03-09T02:00:00Z",
        "0 9 * * 0,7   | 2026-03-08T09:00:00Z 2026-03-15T09:00:00Z",
        "30 2 1 * *    | 2026-04-01T02:30:00Z 2026-05-01T02:30:00Z",
        "0 0 * * */2   | 2026-03-03T00:00:00Z 2026-03-05T00:00:00Z 2026-03-07T00:00:00Z"
            + " 2026-03-08T00:00:00Z 2026-03-10T00:00:00Z",
        "0 0 * * 5-7   | 2026-03-06T00:00:00Z 2026-03-07T00:00:00Z 2026-03-08T00:00:00Z"
            + " 2026-03-13T00:00:00Z",
        "0 12 * * mon  | 2026-03-02T12:00:00Z 2026-03-09T12:00:00Z",
        "0 0 1 jan *   | 2027-01-01T00:00:00Z 2028-01-01T00:00:00Z",
        "@weekly       | 2026-03-08T00:00:00Z 2026-03-15T00:00:00Z",
        "@monthly      | 2026-04-01T00:00:00Z 2026-05-01T00:00:00Z",
      })
  void firesAtTheExpectedTimes(String expression, String expected) throws ParseException {
    CronExpression cron = new CronExpression(CronExpressions.toQuartz(expression));
    cron.setTimeZone(TimeZone.getTimeZone("UTC"));
    List<Instant> wanted = Arrays.stream(expected.split(" ")).map(Instant::parse).toList();
    List<Instant> times = new ArrayList<>();
    Date after = Date.from(START);
    while (times.size() < wanted.size()) {
      after = cron.getNextValidTimeAfter(after);
      times.add(after.toInstant());
    }
    assertThat(times).containsExactlyElementsOf(wanted);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0 0 12 L * ?",
        "0 0 12 ? * 6#3",
        "0 0 12 15W * ?",
        "0 0 12 ? * MON-FRI",
        "0 15 10 ? * 6L 2027",
        "0 0 0/6 * * ?",
        "0 0 8-20 * * ?",
        "0 0 12 LW * ?",
        "0 0 12 L-3 * ?",
        "0 0 12 ? * FRI#2",
        "0 0 12 ? * L",
        "0 0 12 ? JAN-MAR,DEC MON,WED",
        "0 0 12 ? * 2-6",
        "0 0/5 * * * ?",
        "*/10 * * * * ?",
        "0 0 12 1 * ? 2026-2030",
        "0 0 12 1 * ? *",
      })
  void acceptsQuartzExpressionsUnchanged(String quartz) {
    assertThat(CronExpressions.toQuartz(quartz)).isEqualTo(quartz);
    assertThat(CronExpression.isValidExpression(quartz)).isTrue();
  }

  @Test
  void normalisesWhitespaceOfQuartzExpressions() {
    assertThat(CronExpressions.toQuartz("  0  0\t12 *   * ?  ")).isEqualTo("0 0 12 * * ?");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // Quartz
        "61 * * * * ?         | second 61 is out of range 0-59",
        "0 60 * * * ?         | minute 60 is out of range 0-59",
        "0 0 25 * * ?         | hour 25 is out of range 0-23",
        "0 0 0 32 * ?         | day-of-month 32 is out of range 1-31",
        "0 0 0 0 * ?          | day-of-month 0 is out of range 1-31",
        "0 0 0 1 13 ?         | month 13 is out of range 1-12",
        "0 0 0 ? * 8          | day-of-week 8 is out of range 1-7",
        "0 0 0 ? * 0          | day-of-week 0 is out of range 1-7",
        "0 0 0 1 1 ? 1969     | year 1969 is out of range 1970-2099",
        "0 0 0 1 1 ? 2100     | year 2100 is out of range 1970-2099",
        "0 0 8-25 * * ?       | hour 25 is out of range 0-23",
        "0 0 1,2,30 * * ?     | hour 30 is out of range 0-23",
        "0 0 30/2 * * ?       | hour 30 is out of range 0-23",
        "0 0 0 32W * ?        | day-of-month 32 is out of range 1-31",
        "0 0 0 ? * 9#2        | day-of-week 9 is out of range 1-7",
        "0 0 0 ? * 9L         | day-of-week 9 is out of range 1-7",
        "0 0 25 32 * ?        | hour 25 is out of range 0-23",
        "0 */0 * * * ?        | minute step 0 must be at least 1",
        "0 */75 * * * ?       | minute step 75 is out of range 1-59",
        "0 0 */x * * ?        | hour step 'x' is not a number",
        "0 0 ab * * ?         | hour 'ab' is not a number or range",
        "0 0 99999999999 * * ? | hour 99999999999 is out of range 0-23",
        "0 0 1-ab * * ?       | hour '1-ab' is not a number or range",
        "0 0 1-2-3 * * ?      | hour '1-2-3' is not a number or range",
        "0 0 0 15X * ?        | day-of-month '15X' is not a number or range",
        "0 0 0 1 FOO ?        | month 'FOO' is not a number or range",
        "0 0 0 ? * FUN        | day-of-week 'FUN' is not a number or range",
        "0 0 1,,2 * * ?       | hour '' is not a number or range",
        // Unix
        "60 * * * *           | minute 60 is out of range 0-59",
        "0 24 * * *           | hour 24 is out of range 0-23",
        "0 0 0 * *            | day-of-month 0 is out of range 1-31",
        "0 0 1 13 *           | month 13 is out of range 1-12",
        "0 0 * * 8            | day-of-week 8 is out of range 0-7",
        "*/0 * * * *          | minute step 0 must be at least 1",
        "0 0 * * L            | day-of-week 'L' is not a number or range",
        "0 0 ? * MON          | day-of-month '?' is not a number or range",
        "0 5-1 * * *  | hour range 5-1 runs backwards; Unix cron ranges go from low to high",
      })
  void reportsTheFirstBadField(String expression, String message) {
    assertThatThrownBy(() -> CronExpressions.toQuartz(expression))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0 0 1 * 1", "0 0 1-7 * MON", "0 0 */2 * 0"})
  void rejectsUnixExpressionsRestrictingBothDays(String unix) {
    assertThatThrownBy(() -> CronExpressions.toQuartz(unix))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(UNIX_BOTH_RESTRICTED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0 0 12 * * *", "0 0 12 1 * MON"})
  void rejectsQuartzExpressionsWithoutQuestionMark(String quartz) {
    assertThatThrownBy(() -> CronExpressions.toQuartz(quartz))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(QUARTZ_BOTH_GIVEN);
  }

  @Test
  void passesOnQuartzsOwnMessage() {
    assertThatThrownBy(() -> CronExpressions.toQuartz("0 0 12 ? * 6#6"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A numeric value between 1 and 5 must follow the '#' option")
        .hasCauseInstanceOf(ParseException.class);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "* * * *             | found 4 fields",
        "0 0 0 1 1 ? 2027 x  | found 8 fields",
        "daily               | found 1 field",
        "'   '               | found 0 fields",
      })
  void rejectsWrongFieldCount(String expression, String found) {
    assertThatThrownBy(() -> CronExpressions.toQuartz(expression))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "expected 6 or 7 fields (Quartz: sec min hour day-of-month month day-of-week [year]),"
                + " 5 fields (Unix) or a macro such as @daily; "
                + found);
  }
}
