package dev.chime.config;

import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code chime.jobs}: one {@link JobSpec} per valid job, a problem for each invalid field. */
final class JobReader {

  static final Pattern JOB_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z0-9_-]+");
  private static final List<String> KINDS = List.of("command", "http", "sql", "java");
  private static final String JOB_KEYS =
      "cron, time-zone, description, enabled, timeout, output-limit, parameters, " + PolicyReader.KEYS + ", "
          + WindowReader.KEYS + ", "
          + String.join(", ", KINDS);

  private final Section job;
  private final JobDefaults defaults;
  private Set<String> params = Set.of();

  private JobReader(Section job, JobDefaults defaults) {
    this.job = job;
    this.defaults = defaults;
  }

  static List<JobSpec> readAll(Section jobs, JobDefaults defaults) {
    List<JobSpec> specs = new ArrayList<>();
    for (String name : jobs.keys()) {
      if (!JOB_NAME.matcher(name).matches()) {
        jobs.problem(name, "job name must match [a-z0-9][a-z0-9-]* (lower-case letters, digits and dashes)");
      }
      jobs.section(name).flatMap(s -> new JobReader(s, defaults).read(name)).ifPresent(specs::add);
    }
    return specs;
  }

  private Optional<JobSpec> read(String name) {
    Optional<String> cron = cron();
    ZoneId zone = ConfigLoader.zone(job, "time-zone").orElse(defaults.timeZone());
    Optional<String> description = job.string("description");
    boolean enabled = job.bool("enabled").orElse(true);
    Duration timeout = job.has("timeout") ? ConfigLoader.positive(job, "timeout") : defaults.timeout();
    long outputLimit = outputLimit(job).orElse(defaults.outputLimit());
    Map<String, String> parameters = parameters();
    params = parameters.keySet();
    JobPolicies base = PolicyReader.read(job, Optional.of(defaults.policies()));
    JobPolicies.Window window = WindowReader.read(job, zone, defaults.calendars());
    JobPolicies policies = new JobPolicies(
        base.misfire(), base.maxCatchUp(), base.overlap(), base.jitter(), base.retry(), window, base.dst(), base.grace());
    Optional<KindSpec> kind = kind();
    job.rejectUnknownKeys(JOB_KEYS);
    if (cron.isEmpty() || kind.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new JobSpec(
        name, description, cron.get(), zone, enabled, timeout, outputLimit, parameters, policies, kind.get()));
  }

  private Optional<String> cron() {
    Optional<String> written = job.string("cron");
    if (written.isEmpty()) {
      if (!job.has("cron")) {
        job.problem("cron", "required: a cron expression such as \"0 0 2 * * ?\" (Quartz), \"0 2 * * *\" (Unix) or @daily");
      }
      return Optional.empty();
    }
    try {
      return Optional.of(CronExpressions.toQuartz(written.get()));
    } catch (IllegalArgumentException e) {
      job.problem("cron", e.getMessage());
      return Optional.empty();
    }
  }

  /** {@code parameters { batchSize = 100 }}: defaults that a manual run may override; scalars only. */
  private Map<String, String> parameters() {
    Map<String, String> parameters = new LinkedHashMap<>();
    job.section("parameters").ifPresent(section -> {
      for (String key : section.keys()) {
        ConfigValue value = section.value(key).orElseThrow();
        if (!PARAM_NAME.matcher(key).matches()) {
          section.problem(key, "parameter names take letters, digits, '_' and '-'");
        } else if (value.valueType() == ConfigValueType.OBJECT || value.valueType() == ConfigValueType.LIST) {
          section.problem(key, "a parameter is a string, number or boolean, found " + value.valueType().name().toLowerCase());
        } else {
          parameters.put(key, String.valueOf(value.unwrapped()));
        }
      }
    });
    return parameters;
  }

  private Optional<KindSpec> kind() {
    List<String> present = KINDS.stream().filter(job::has).toList();
    if (present.size() != 1) {
      job.problem("exactly one kind block is required (" + String.join(", ", KINDS) + "), found "
          + (present.isEmpty() ? "none" : String.join(" and ", present)));
    }
    KindReader kinds = new KindReader(this);
    Optional<KindSpec> command = job.section("command").flatMap(kinds::command);
    Optional<KindSpec> http = job.section("http").flatMap(kinds::http);
    Optional<KindSpec> sql = job.section("sql").flatMap(kinds::sql);
    Optional<KindSpec> java = job.section("java").flatMap(kinds::java);
    if (present.size() != 1) {
      return Optional.empty();
    }
    return command.or(() -> http).or(() -> sql).or(() -> java);
  }

  /** Reports every placeholder in {@code text} that names no declared parameter or run field. */
  void checkPlaceholders(Section section, String key, String text) {
    for (String reference : Placeholders.references(text)) {
      String problem = Placeholders.problem(reference, params);
      if (problem != null) {
        section.problem(key, problem);
      }
    }
  }

  /** Same for sql named binds ({@code :params.NAME}, {@code :run.FIELD}). */
  void checkBinds(Section section, String key, String sql) {
    for (String name : NamedBinds.parse(sql).names()) {
      String problem = Placeholders.problem(name, params);
      if (problem != null) {
        section.problem(key, problem.replace("in a placeholder", "in a bind"));
      }
    }
  }

  JobDefaults defaults() {
    return defaults;
  }

  static Optional<Long> outputLimit(Section section) {
    Optional<Long> limit = section.bytes("output-limit");
    limit.filter(n -> n < 0 || n > 64L * 1024 * 1024)
        .ifPresent(n -> section.problem("output-limit", "must be between 0 and 64MiB, found " + n + " bytes"));
    return limit.filter(n -> n >= 0 && n <= 64L * 1024 * 1024);
  }
}
