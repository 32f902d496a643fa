package dev.chime.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads {@code chime.jobs}: one {@link JobSpec} per valid job, a problem for each invalid field. */
final class JobReader {

  static final Pattern JOB_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final List<String> KINDS = List.of("command");
  private static final String JOB_KEYS =
      "cron, time-zone, description, enabled, timeout, output-limit, " + String.join(", ", KINDS);

  private final Section job;
  private final JobDefaults defaults;

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
    Optional<KindSpec> kind = kind();
    job.rejectUnknownKeys(JOB_KEYS);
    if (cron.isEmpty() || kind.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new JobSpec(name, description, cron.get(), zone, enabled, timeout, outputLimit, kind.get()));
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

  private Optional<KindSpec> kind() {
    List<String> present = KINDS.stream().filter(job::has).toList();
    if (present.size() != 1) {
      job.problem(
          "exactly one kind block is required (" + String.join(", ", KINDS) + "), found "
              + (present.isEmpty() ? "none" : String.join(" and ", present)));
    }
    Optional<KindSpec> command = job.section("command").flatMap(this::command);
    return present.size() == 1 ? command : Optional.empty();
  }

  private Optional<KindSpec> command(Section command) {
    Optional<List<String>> args = command.stringList("args");
    if (args.isPresent() && (args.get().isEmpty() || args.get().get(0).isBlank())) {
      command.problem("args", "must name a program: a non-empty list such as [\"/usr/bin/env\", \"true\"]");
      args = Optional.empty();
    } else if (args.isEmpty() && !command.has("args")) {
      command.problem("args", "required: the program and its arguments, e.g. [\"/usr/bin/env\", \"true\"] (run directly, never through a shell)");
    }
    Optional<String> directory = command.string("directory").filter(s -> !s.isBlank());
    Map<String, String> env = command.stringMap("env").orElse(Map.of());
    env.keySet().stream()
        .filter(k -> !ENV_NAME.matcher(k).matches())
        .forEach(k -> command.problem("env", "'" + k + "' is not a valid environment variable name"));
    command.rejectUnknownKeys("args, directory, env");
    return args.map(a -> new CommandSpec(a, directory, env));
  }

  static Optional<Long> outputLimit(Section section) {
    Optional<Long> limit = section.bytes("output-limit");
    limit.filter(n -> n < 0 || n > 64L * 1024 * 1024)
        .ifPresent(n -> section.problem("output-limit", "must be between 0 and 64MiB, found " + n + " bytes"));
    return limit.filter(n -> n >= 0 && n <= 64L * 1024 * 1024);
  }
}
