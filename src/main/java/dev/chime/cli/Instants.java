package dev.chime.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Command-line converters: instants and durations as operators type them. */
final class Instants {

  private Instants() {}

  /** An ISO-8601 instant ({@code 2026-11-25T18:00:00Z}) or a date-time with offset ({@code 2026-11-25T19:00:00+01:00}). */
  static final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String text) {
      try {
        return Instant.parse(text);
      } catch (RuntimeException e) {
        try {
          return OffsetDateTime.parse(text).toInstant();
        } catch (RuntimeException again) {
          throw new TypeConversionException("'" + text + "' is not an ISO-8601 instant such as 2026-11-25T18:00:00Z "
              + "or 2026-11-25T19:00:00+01:00");
        }
      }
    }
  }

  /** A duration: {@code 0}, {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    @Override
    public Duration convert(String text) {
      Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
      if (!m.matches() || (m.group(2) == null && Long.parseLong(m.group(1)) != 0)) {
        throw new TypeConversionException("'" + text + "' is not a duration such as 0, 500ms, 30s, 2m or 1h");
      }
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2) == null ? "s" : m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofSeconds(n);
      };
    }
  }
}
