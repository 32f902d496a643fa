package dev.chime.http;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Query parameters, checked: a bad one is a 400 naming it. */
final class Params {

  private Params() {}

  static int integer(Context ctx, String name, int defaultValue, int min, int max) {
    String text = ctx.queryParam(name);
    if (text == null || text.isBlank()) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(text.strip());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiError.badRequest(name, "must be an integer from " + min + " to " + max + ", found '" + text + "'");
  }

  static Optional<String> text(Context ctx, String name) {
    return Optional.ofNullable(ctx.queryParam(name)).filter(t -> !t.isBlank());
  }

  /** A list given as {@code name=a,b} or repeated {@code name=a&name=b}. */
  static List<String> list(Context ctx, String name) {
    return ctx.queryParams(name).stream()
        .flatMap(v -> Arrays.stream(v.split(",")))
        .map(String::strip).filter(v -> !v.isEmpty()).toList();
  }

  static Optional<Instant> instant(Context ctx, String name) {
    return text(ctx, name).map(t -> instant(name, t));
  }

  /** One of {@code allowed} (case-insensitive), or the default when absent. */
  static String oneOf(Context ctx, String name, String defaultValue, List<String> allowed) {
    String value = text(ctx, name).orElse(defaultValue);
    return allowed.stream().filter(a -> a.equalsIgnoreCase(value)).findFirst()
        .orElseThrow(() -> ApiError.badRequest(name, "must be one of " + String.join(", ", allowed) + ", found '" + value + "'"));
  }

  /** An ISO-8601 instant: {@code 2026-11-25T18:00:00Z} or with an offset. */
  static Instant instant(String name, String text) {
    try {
      return OffsetDateTime.parse(text.strip()).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(name, "must be an ISO-8601 instant such as 2026-11-25T18:00:00Z, found '" + text + "'");
    }
  }

  static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
