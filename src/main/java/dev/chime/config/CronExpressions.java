package dev.chime.config;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * Turns the cron expressions written in job files into Quartz cron expressions.
 *
 * <p>Three forms are accepted: Quartz expressions (6 or 7 fields: second minute hour day-of-month
 * month day-of-week [year]), Unix expressions (5 fields: minute hour day-of-month month
 * day-of-week), which are converted, and macros such as {@code @daily}. Every field is checked
 * before Quartz parses the result, so a mistake is reported as, say, "hour 25 is out of range
 * 0-23" rather than as Quartz's own, vaguer message.
 */
public final class CronExpressions {

  private static final Map<String, String> MACROS = new LinkedHashMap<>();

  static {
    MACROS.put("@hourly", "0 0 * * * ?");
    MACROS.put("@daily", "0 0 0 * * ?");
    MACROS.put("@midnight", "0 0 0 * * ?");
    MACROS.put("@weekly", "0 0 0 ? * SUN");
    MACROS.put("@monthly", "0 0 0 1 * ?");
    MACROS.put("@yearly", "0 0 0 1 1 ?");
    MACROS.put("@annually", "0 0 0 1 1 ?");
  }

  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  /** One cron field: its name in messages, its numeric range and its names (the first is min). */
  private record Field(String name, int min, int max, List<String> names) {}

  private static final Field SECOND = new Field("second", 0, 59, List.of());
  private static final Field MINUTE = new Field("minute", 0, 59, List.of());
  private static final Field HOUR = new Field("hour", 0, 23, List.of());
  private static final Field DAY_OF_MONTH = new Field("day-of-month", 1, 31, List.of());
  private static final Field MONTH = new Field("month", 1, 12, MONTHS);
  private static final Field QUARTZ_DAY_OF_WEEK = new Field("day-of-week", 1, 7, DAYS);
  private static final Field UNIX_DAY_OF_WEEK = new Field("day-of-week", 0, 7, DAYS);
  private static final Field YEAR = new Field("year", 1970, 2099, List.of());

  private static final List<Field> QUARTZ_FIELDS =
      List.of(SECOND, MINUTE, HOUR, DAY_OF_MONTH, MONTH, QUARTZ_DAY_OF_WEEK, YEAR);
  private static final List<Field> UNIX_FIELDS =
      List.of(MINUTE, HOUR, DAY_OF_MONTH, MONTH, UNIX_DAY_OF_WEEK);

  /** Quartz's day-of-month extras: L, L-3, LW, 15W. */
  private static final Pattern DOM_SPECIAL =
      Pattern.compile("L(?:-\\d+)?|LW|(\\d+)W", Pattern.CASE_INSENSITIVE);
  /** Quartz's day-of-week extras: L, 6L, FRIL, 6#3, FRI#3. */
  private static final Pattern DOW_SPECIAL =
      Pattern.compile("([A-Z0-9]+)?(?:L|#\\d+)", Pattern.CASE_INSENSITIVE);

  private static final String UNIX_BOTH_RESTRICTED =
      "day-of-month and day-of-week are both restricted; Quartz cannot express Unix cron's"
          + " 'either' rule (run when either matches) — split it into two jobs or restrict only"
          + " one of them";
  private static final String QUARTZ_BOTH_GIVEN =
      "day-of-month and day-of-week are both given; Quartz needs '?' in one of them"
          + " (e.g. '0 0 12 * * ?' or '0 0 12 ? * MON')";

  private CronExpressions() {}

  /**
   * Returns the Quartz cron expression (6 or 7 fields) for a Quartz expression, a 5-field Unix
   * expression or a macro.
   *
   * @throws IllegalArgumentException whose message says exactly what is wrong
   */
  public static String toQuartz(String expression) {
    String trimmed = expression == null ? "" : expression.trim();
    String[] fields = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
    if (fields.length == 1 && fields[0].startsWith("@")) {
      return macro(fields[0]);
    }
    String quartz =
        switch (fields.length) {
          case 5 -> fromUnix(fields);
          case 6, 7 -> fromQuartz(fields);
          default -> throw new IllegalArgumentException(
              "expected 6 or 7 fields (Quartz: sec min hour day-of-month month day-of-week"
                  + " [year]), 5 fields (Unix) or a macro such as @daily; found "
                  + fields.length + (fields.length == 1 ? " field" : " fields"));
        };
    parseWithQuartz(quartz);
    return quartz;
  }

  private static String macro(String name) {
    String quartz = MACROS.get(name.toLowerCase(Locale.ROOT));
    if (quartz == null) {
      throw new IllegalArgumentException(
          "unknown macro '" + name + "'; expected one of " + String.join(", ", MACROS.keySet()));
    }
    return quartz;
  }

  private static String fromQuartz(String[] fields) {
    for (int i = 0; i < fields.length; i++) {
      validateField(QUARTZ_FIELDS.get(i), fields[i], true);
    }
    return String.join(" ", fields);
  }

  private static String fromUnix(String[] fields) {
    for (int i = 0; i < fields.length; i++) {
      validateField(UNIX_FIELDS.get(i), fields[i], false);
    }
    boolean anyDayOfMonth = fields[2].equals("*");
    boolean anyDayOfWeek = fields[4].equals("*");
    if (!anyDayOfMonth && !anyDayOfWeek) {
      throw new IllegalArgumentException(UNIX_BOTH_RESTRICTED);
    }
    String dayOfMonth = anyDayOfWeek ? fields[2] : "?";
    String dayOfWeek = anyDayOfWeek ? "?" : unixDaysOfWeek(fields[4].toUpperCase(Locale.ROOT));
    String month = fields[3].toUpperCase(Locale.ROOT);
    return String.join(" ", "0", fields[0], fields[1], dayOfMonth, month, dayOfWeek);
  }

  private static void parseWithQuartz(String quartz) {
    try {
      new CronExpression(quartz);
    } catch (ParseException e) {
      String message = String.valueOf(e.getMessage());
      if (message.startsWith("Support for specifying both a day-of-week AND a day-of-month")) {
        message = QUARTZ_BOTH_GIVEN;
      }
      throw new IllegalArgumentException(message, e);
    }
  }

  private static void validateField(Field field, String text, boolean quartz) {
    for (String item : text.split(",", -1)) {
      int slash = item.indexOf('/');
      String base = slash < 0 ? item : item.substring(0, slash);
      boolean wildcard =
          base.equals("*") || (quartz && (base.equals("?") || (base.isEmpty() && slash >= 0)));
      if (!wildcard && !(quartz && isQuartzSpecial(field, base))) {
        validateRange(field, base, item, quartz);
      }
      if (slash >= 0) {
        validateStep(field, item.substring(slash + 1));
      }
    }
  }

  /** Checks Quartz's L, W and # forms; false if {@code base} is none of them. */
  private static boolean isQuartzSpecial(Field field, String base) {
    Pattern pattern =
        field == DAY_OF_MONTH ? DOM_SPECIAL : field == QUARTZ_DAY_OF_WEEK ? DOW_SPECIAL : null;
    Matcher matcher = pattern == null ? null : pattern.matcher(base);
    if (matcher == null || !matcher.matches()) {
      return false;
    }
    if (matcher.group(1) != null) {
      value(field, matcher.group(1), base);
    }
    return true;
  }

  private static void validateRange(Field field, String base, String item, boolean quartz) {
    String[] ends = base.split("-", -1);
    if (ends.length > 2) {
      throw notANumberOrRange(field, item);
    }
    int from = value(field, ends[0], item);
    int to = ends.length == 2 ? value(field, ends[1], item) : from;
    if (!quartz && from > to) {
      throw new IllegalArgumentException(field.name() + " range " + base
          + " runs backwards; Unix cron ranges go from low to high");
    }
  }

  /** The number a field value stands for (a month or day name counts); checks its range. */
  private static int value(Field field, String text, String item) {
    if (text.matches("\\d+")) {
      int number = number(text);
      if (number < field.min() || number > field.max()) {
        throw new IllegalArgumentException(
            field.name() + " " + text + " is out of range " + field.min() + "-" + field.max());
      }
      return number;
    }
    int index = field.names().indexOf(text.toUpperCase(Locale.ROOT));
    if (index < 0) {
      throw notANumberOrRange(field, item);
    }
    return field.min() + index;
  }

  private static void validateStep(Field field, String step) {
    String prefix = field.name() + " step ";
    if (!step.matches("\\d+")) {
      throw new IllegalArgumentException(prefix + "'" + step + "' is not a number");
    }
    int number = number(step);
    if (number < 1) {
      throw new IllegalArgumentException(prefix + step + " must be at least 1");
    }
    if (number > field.max()) {
      throw new IllegalArgumentException(prefix + step + " is out of range 1-" + field.max());
    }
  }

  /** Parses digits; absurdly long numbers become MAX_VALUE so they fail the range check. */
  private static int number(String digits) {
    return digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits);
  }

  private static IllegalArgumentException notANumberOrRange(Field field, String item) {
    return new IllegalArgumentException(field.name() + " '" + item + "' is not a number or range");
  }

  /** Converts a validated, upper-cased Unix day-of-week field (0-7, 0 and 7 = Sunday). */
  private static String unixDaysOfWeek(String text) {
    BitSet days = new BitSet(7);
    for (String item : text.split(",")) {
      int slash = item.indexOf('/');
      String base = slash < 0 ? item : item.substring(0, slash);
      int step = slash < 0 ? 1 : Integer.parseInt(item.substring(slash + 1));
      String[] ends = base.equals("*") ? new String[] {"0", "7"} : base.split("-");
      int from = unixDay(ends[0]);
      int to = ends.length == 2 ? unixDay(ends[1]) : slash < 0 ? from : 7;
      for (int day = from; day <= to; day += step) {
        days.set(day % 7);
      }
    }
    return quartzDays(days);
  }

  private static int unixDay(String text) {
    return text.matches("\\d+") ? Integer.parseInt(text) : DAYS.indexOf(text);
  }

  /** Quartz day names, runs of three or more days written as a range: MON-FRI, SUN,TUE. */
  private static String quartzDays(BitSet days) {
    List<String> parts = new ArrayList<>();
    for (int first = days.nextSetBit(0); first >= 0; first = days.nextSetBit(first + 1)) {
      int last = days.nextClearBit(first) - 1;
      if (last - first >= 2) {
        parts.add(DAYS.get(first) + "-" + DAYS.get(last));
        first = last;
      } else {
        parts.add(DAYS.get(first));
      }
    }
    return String.join(",", parts);
  }
}
