package dev.chime.config;

import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads when a job may fire: {@code not-before}, {@code not-after}, {@code exclude-dates} and
 * {@code exclude-calendars} (names under {@code chime.calendars}: a list of dates, or a file of one
 * date per line, {@code #} comments, relative to the config file's directory).
 */
final class WindowReader {

  static final String KEYS = "not-before, not-after, exclude-dates, exclude-calendars";

  private WindowReader() {}

  static JobPolicies.Window read(Section job, ZoneId zone, Map<String, SortedSet<LocalDate>> calendars) {
    Optional<Instant> notBefore = instant(job, "not-before", zone);
    Optional<Instant> notAfter = instant(job, "not-after", zone);
    if (notBefore.isPresent() && notAfter.isPresent() && !notBefore.get().isBefore(notAfter.get())) {
      job.problem("not-after", "must be after not-before (" + notBefore.get() + "), found " + notAfter.get());
    }
    SortedSet<LocalDate> excluded = new TreeSet<>(dates(job, "exclude-dates", job.stringList("exclude-dates").orElse(List.of())));
    List<String> names = names(job);
    for (String name : names) {
      SortedSet<LocalDate> dates = calendars.get(name);
      if (dates == null) {
        job.problem("exclude-calendars", "unknown calendar '" + name + "'; defined under chime.calendars: "
            + (calendars.isEmpty() ? "none" : String.join(", ", calendars.keySet())));
      } else {
        excluded.addAll(dates);
      }
    }
    return new JobPolicies.Window(notBefore, notAfter, excluded, names);
  }

  private static List<String> names(Section job) {
    Optional<ConfigValue> value = job.value("exclude-calendars");
    if (value.isEmpty()) {
      return List.of();
    }
    return value.get().valueType() == ConfigValueType.LIST
        ? job.stringList("exclude-calendars").orElse(List.of())
        : List.of(String.valueOf(value.get().unwrapped()));
  }

  /** {@code chime.calendars}: each a list of dates or the path of a file of dates. */
  static Map<String, SortedSet<LocalDate>> calendars(Optional<Section> maybe, Path configFile) {
    Map<String, SortedSet<LocalDate>> calendars = new TreeMap<>();
    maybe.ifPresent(all -> {
      for (String name : all.keys()) {
        ConfigValue value = all.value(name).orElseThrow();
        List<String> lines = value.valueType() == ConfigValueType.LIST
            ? all.stringList(name).orElse(List.of())
            : fileLines(all, name, String.valueOf(value.unwrapped()), configFile);
        calendars.put(name, new TreeSet<>(dates(all, name, lines)));
      }
    });
    return calendars;
  }

  private static List<String> fileLines(Section all, String name, String file, Path configFile) {
    Path base = Optional.ofNullable(configFile.toAbsolutePath().getParent()).orElse(Path.of("."));
    Path path = base.resolve(file);
    try {
      return Files.readAllLines(path).stream().map(l -> l.replaceAll("#.*", "").strip()).filter(l -> !l.isEmpty()).toList();
    } catch (IOException e) {
      all.problem(name, "cannot read calendar file " + path + ": " + e.getMessage());
      return List.of();
    }
  }

  private static List<LocalDate> dates(Section section, String key, List<String> texts) {
    List<LocalDate> dates = new ArrayList<>();
    for (String text : texts) {
      try {
        dates.add(LocalDate.parse(text.strip()));
      } catch (DateTimeParseException e) {
        section.problem(key, "expected dates such as 2026-12-25, found '" + text + "'");
      }
    }
    return dates;
  }

  /** An ISO instant, offset date-time, or a local date-time or date in the job's zone. */
  private static Optional<Instant> instant(Section job, String key, ZoneId zone) {
    return job.string(key).flatMap(text -> {
      try {
        if (text.length() == 10) {
          return Optional.of(LocalDate.parse(text).atStartOfDay(zone).toInstant());
        }
        if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
          return Optional.of(OffsetDateTime.parse(text.replace("Z", "+00:00")).toInstant());
        }
        return Optional.of(LocalDateTime.parse(text).atZone(zone).toInstant());
      } catch (DateTimeParseException e) {
        job.problem(key, "expected an instant such as 2026-01-01T00:00:00Z, a local date-time such as "
            + "2026-01-01T08:00 or a date such as 2026-01-01 (in the job's zone), found '" + text + "'");
        return Optional.empty();
      }
    });
  }
}
