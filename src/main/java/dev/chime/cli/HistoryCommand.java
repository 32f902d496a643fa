package dev.chime.cli;

import dev.chime.config.ChimeConfig;
import dev.chime.history.RunPage;
import dev.chime.history.RunQuery;
import dev.chime.history.RunRecord;
import dev.chime.history.RunRepository;
import dev.chime.store.Store;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code chime history}: run records, filtered and paged. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    subcommands = HistoryShowCommand.class,
    description = {
      "Run records: job, scheduled and start time, duration, node, attempt, outcome.",
      "Filters combine; --job and --status may repeat. Times are ISO-8601 instants (2026-11-25T02:00:00Z)."
    })
final class HistoryCommand implements Callable<Integer> {

  private static final List<String> OUTCOMES =
      List.of("running", "succeeded", "failed", "timed_out", "interrupted", "lost");

  @Mixin ConfigOption config;

  @Option(names = "--job", paramLabel = "JOB", description = "Only these jobs' runs.")
  List<String> jobs = List.of();

  @Option(names = "--status", paramLabel = "STATUS", description = "Only runs with these outcomes: ${COMPLETION-CANDIDATES}.",
      completionCandidates = Outcomes.class)
  List<String> statuses = List.of();

  @Option(names = "--node", paramLabel = "NODE", description = "Only runs on this node.")
  String node;

  @Option(names = "--from", paramLabel = "INSTANT", description = "Only runs scheduled at or after this instant.")
  String from;

  @Option(names = "--to", paramLabel = "INSTANT", description = "Only runs scheduled before this instant.")
  String to;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "Runs per page, 1-1000 (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "Runs to skip (default ${DEFAULT-VALUE}).")
  int offset;

  @Option(names = "--order-by", paramLabel = "FIELD", defaultValue = "started", description = "scheduled or started (default ${DEFAULT-VALUE}).")
  String orderBy;

  @Option(names = "--asc", description = "Oldest first (default: newest first).")
  boolean ascending;

  @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table", description = "table or json (default ${DEFAULT-VALUE}).")
  OutputFormat output;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    RunQuery query = query();
    ChimeConfig loaded = config.load();
    RunPage page;
    try (Store store = Store.open(loaded, "cli")) {
      page = new RunRepository(store.dataSource(), loaded.cluster().name()).find(query);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (output == OutputFormat.json) {
      OutputFormat.printJson(out, page.runs());
      return 0;
    }
    OutputFormat.printTable(out,
        List.of("ID", "JOB", "SCHEDULED", "STARTED", "DURATION", "NODE", "ATTEMPT", "TRIGGER", "OUTCOME", "ERROR"),
        page.runs().stream().map(r -> List.of(Long.toString(r.id()), r.job(), r.scheduledAt().toString(),
            r.startedAt().toString(), duration(r), r.node(), Integer.toString(r.attempt()), r.trigger(),
            r.outcome(), r.error().map(HistoryCommand::firstLine).orElse(""))).toList());
    out.printf("%nruns %d-%d of %d%s%n", page.runs().isEmpty() ? 0 : offset + 1, offset + page.runs().size(),
        page.total(), page.hasNext() ? " (next page: --offset " + (offset + page.runs().size()) + ")" : "");
    return 0;
  }

  private RunQuery query() {
    if (limit < 1 || limit > 1000) {
      throw usage("--limit must be between 1 and 1000, found " + limit);
    }
    if (offset < 0) {
      throw usage("--offset must not be negative, found " + offset);
    }
    statuses.stream().filter(s -> !OUTCOMES.contains(s)).findFirst()
        .ifPresent(s -> { throw usage("--status '" + s + "' is not one of " + String.join(", ", OUTCOMES)); });
    RunQuery.Order order = switch (orderBy.toLowerCase(Locale.ROOT)) {
      case "scheduled" -> RunQuery.Order.SCHEDULED;
      case "started" -> RunQuery.Order.STARTED;
      default -> throw usage("--order-by takes scheduled or started, found '" + orderBy + "'");
    };
    return new RunQuery(jobs, statuses, Optional.ofNullable(node), instant("--from", from), instant("--to", to),
        order, ascending, limit, offset);
  }

  private Optional<Instant> instant(String option, String text) {
    return Optional.ofNullable(text).map(parseOr(option));
  }

  private Function<String, Instant> parseOr(String option) {
    return text -> {
      try {
        return Instant.parse(text);
      } catch (RuntimeException e) {
        throw usage(option + " takes an ISO-8601 instant such as 2026-11-25T02:00:00Z, found '" + text + "'");
      }
    };
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  static String duration(RunRecord run) {
    return run.endedAt().map(end -> Duration.between(run.startedAt(), end).toMillis() + "ms").orElse("-");
  }

  private static String firstLine(String text) {
    String line = text.lines().findFirst().orElse("");
    return line.length() > 80 ? line.substring(0, 77) + "..." : line;
  }

  /** The outcomes, for --status's help. */
  static final class Outcomes implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return OUTCOMES.iterator();
    }
  }
}
