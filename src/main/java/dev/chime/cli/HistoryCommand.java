package dev.chime.cli;

import dev.chime.config.ChimeConfig;
import dev.chime.history.RunRecord;
import dev.chime.history.RunRepository;
import dev.chime.store.Store;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code chime history}: the latest run records. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = "The latest run records, newest first: job, scheduled and start time, duration, node, attempt, outcome.")
final class HistoryCommand implements Callable<Integer> {

  @Mixin ConfigOption config;

  @Option(names = "--job", paramLabel = "JOB", description = "Only this job's runs.")
  String job;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many runs, 1-1000 (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table", description = "table or json (default ${DEFAULT-VALUE}).")
  OutputFormat output;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (limit < 1 || limit > 1000) {
      throw new ParameterException(spec.commandLine(), "--limit must be between 1 and 1000, found " + limit);
    }
    ChimeConfig loaded = config.load();
    List<RunRecord> runs;
    try (Store store = Store.open(loaded, "cli")) {
      runs = new RunRepository(store.dataSource(), loaded.cluster().name()).latest(Optional.ofNullable(job), limit);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (output == OutputFormat.json) {
      OutputFormat.printJson(out, runs);
      return 0;
    }
    OutputFormat.printTable(out,
        List.of("ID", "JOB", "SCHEDULED", "STARTED", "DURATION", "NODE", "ATTEMPT", "TRIGGER", "OUTCOME", "ERROR"),
        runs.stream().map(r -> List.of(Long.toString(r.id()), r.job(), r.scheduledAt().toString(),
            r.startedAt().toString(), duration(r), r.node(), Integer.toString(r.attempt()), r.trigger(),
            r.outcome(), r.error().map(HistoryCommand::firstLine).orElse(""))).toList());
    return 0;
  }

  private static String duration(RunRecord run) {
    return run.endedAt().map(end -> Duration.between(run.startedAt(), end).toMillis() + "ms").orElse("-");
  }

  private static String firstLine(String text) {
    String line = text.lines().findFirst().orElse("");
    return line.length() > 80 ? line.substring(0, 77) + "..." : line;
  }
}
