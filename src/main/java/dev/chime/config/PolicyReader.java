package dev.chime.config;

import dev.chime.config.JobPolicies.Misfire;
import dev.chime.config.JobPolicies.Overlap;
import dev.chime.config.JobPolicies.RetryPolicy;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the policy settings of {@code chime.job-defaults} (every one required: reference.conf has
 * them) or of a job (each absent one taken from the defaults).
 */
final class PolicyReader {

  static final String KEYS = "misfire, max-catch-up, overlap, jitter, retry, dst, grace";
  private static final List<String> RETRY_ON = List.of("failed", "timed_out");

  private final Section section;
  private final Optional<JobPolicies> base;

  private PolicyReader(Section section, Optional<JobPolicies> base) {
    this.section = section;
    this.base = base;
  }

  static JobPolicies read(Section section, Optional<JobPolicies> base) {
    return new PolicyReader(section, base).read();
  }

  private JobPolicies read() {
    Misfire misfire = choice("misfire", Misfire.class, JobPolicies::misfire);
    int maxCatchUp = get(section.integer("max-catch-up"), "max-catch-up", JobPolicies::maxCatchUp, 10);
    if (maxCatchUp < 1) {
      section.problem("max-catch-up", "must be at least 1, found " + maxCatchUp);
    }
    Overlap overlap = choice("overlap", Overlap.class, JobPolicies::overlap);
    Duration jitter = get(nonNegative(section, "jitter"), "jitter", JobPolicies::jitter, Duration.ZERO);
    RetryPolicy retry = section.section("retry").map(this::retry)
        .orElseGet(() -> base.map(JobPolicies::retry).orElseGet(() -> {
          section.problem("retry", "required; see reference.conf");
          return new RetryPolicy(1, Duration.ofSeconds(30), 2, Duration.ofMinutes(10), Duration.ZERO, RETRY_ON);
        }));
    JobPolicies.DstPolicy dst = section.section("dst").map(this::dst)
        .orElseGet(() -> base.map(JobPolicies::dst).orElseGet(() -> missing(section, "dst", JobPolicies.DstPolicy.QUARTZ)));
    Duration grace = get(nonNegative(section, "grace"), "grace", JobPolicies::grace, Duration.ZERO);
    return new JobPolicies(misfire, Math.max(1, maxCatchUp), overlap, jitter, retry,
        base.map(JobPolicies::window).orElse(JobPolicies.Window.ALWAYS), dst, grace);
  }

  private JobPolicies.DstPolicy dst(Section d) {
    Optional<JobPolicies.DstPolicy> b = base.map(JobPolicies::dst);
    JobPolicies.DstGap gap = enumValue(d, "gap", JobPolicies.DstGap.class)
        .or(() -> b.map(JobPolicies.DstPolicy::gap)).orElseGet(() -> missing(d, "gap", JobPolicies.DstGap.SKIP));
    JobPolicies.DstOverlap overlap = enumValue(d, "overlap", JobPolicies.DstOverlap.class)
        .or(() -> b.map(JobPolicies.DstPolicy::overlap)).orElseGet(() -> missing(d, "overlap", JobPolicies.DstOverlap.ONCE));
    d.rejectUnknownKeys("gap, overlap");
    return new JobPolicies.DstPolicy(gap, overlap);
  }

  private RetryPolicy retry(Section r) {
    Optional<RetryPolicy> b = base.map(JobPolicies::retry);
    int attempts = r.integer("attempts").or(() -> b.map(RetryPolicy::attempts)).orElseGet(() -> missing(r, "attempts", 1));
    if (attempts < 1 || attempts > 100) {
      r.problem("attempts", "must be between 1 (no retry) and 100, found " + attempts);
    }
    Duration backoff = r.duration("backoff").or(() -> b.map(RetryPolicy::backoff)).orElseGet(() -> missing(r, "backoff", Duration.ofSeconds(30)));
    double multiplier = r.has("multiplier") ? multiplier(r) : b.map(RetryPolicy::multiplier).orElseGet(() -> missing(r, "multiplier", 2.0));
    Duration maxBackoff = r.duration("max-backoff").or(() -> b.map(RetryPolicy::maxBackoff)).orElseGet(() -> missing(r, "max-backoff", Duration.ofMinutes(10)));
    Duration jitter = nonNegative(r, "jitter").or(() -> b.map(RetryPolicy::jitter)).orElseGet(() -> missing(r, "jitter", Duration.ZERO));
    List<String> on = r.stringList("on").or(() -> b.map(RetryPolicy::on)).orElseGet(() -> missing(r, "on", RETRY_ON));
    on.stream().filter(o -> !RETRY_ON.contains(o))
        .forEach(o -> r.problem("on", "outcomes that can be retried are failed and timed_out, found '" + o + "'"));
    r.rejectUnknownKeys("attempts, backoff, multiplier, max-backoff, jitter, on");
    return new RetryPolicy(Math.max(1, attempts), backoff, multiplier, maxBackoff, jitter, on);
  }

  private static double multiplier(Section r) {
    try {
      double m = r.string("multiplier").map(Double::parseDouble).orElse(1.0);
      if (m < 1) {
        r.problem("multiplier", "must be at least 1.0, found " + m);
      }
      return Math.max(1, m);
    } catch (NumberFormatException e) {
      r.problem("multiplier", "expected a number such as 2.0");
      return 1;
    }
  }

  private <E extends Enum<E>> E choice(String key, Class<E> type, Function<JobPolicies, E> fromBase) {
    return get(enumValue(section, key, type), key, fromBase, type.getEnumConstants()[0]);
  }

  /** {@code run-once} → RUN_ONCE; anything else is a problem listing the choices. */
  private static <E extends Enum<E>> Optional<E> enumValue(Section section, String key, Class<E> type) {
    return section.string(key).flatMap(text -> {
      String id = text.toUpperCase(Locale.ROOT).replace('-', '_');
      return Arrays.stream(type.getEnumConstants()).filter(c -> c.name().equals(id)).findFirst().or(() -> {
        section.problem(key, "expected one of " + String.join(", ", Arrays.stream(type.getEnumConstants())
            .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList()) + ", found '" + text + "'");
        return Optional.empty();
      });
    });
  }

  private <T> T get(Optional<T> value, String key, Function<JobPolicies, T> fromBase, T placeholder) {
    return value.or(() -> base.map(fromBase)).orElseGet(() -> section.has(key) ? placeholder : missing(section, key, placeholder));
  }

  private static <T> T missing(Section s, String key, T placeholder) {
    s.problem(key, "required; see reference.conf");
    return placeholder;
  }

  private static Optional<Duration> nonNegative(Section s, String key) {
    Optional<Duration> d = s.duration(key);
    d.filter(Duration::isNegative).ifPresent(x -> s.problem(key, "must not be negative, found " + Durations.format(x)));
    return d.filter(x -> !x.isNegative());
  }
}
