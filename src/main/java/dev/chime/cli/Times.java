package dev.chime.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Instants as operators read them: in the job's own zone, with the offset. */
final class Times {

  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX");

  private Times() {}

  static String inZone(Instant instant, ZoneId zone) {
    return instant.atZone(zone).format(FORMAT);
  }

  static String inZone(Optional<Instant> instant, String zone) {
    return instant.map(i -> inZone(i, zoneOrUtc(zone))).orElse("-");
  }

  private static ZoneId zoneOrUtc(String zone) {
    try {
      return ZoneId.of(zone);
    } catch (RuntimeException e) {
      return ZoneId.of("UTC");
    }
  }
}
