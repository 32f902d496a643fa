package dev.chime.cli;

import dev.chime.config.ChimeConfig;
import dev.chime.history.RunRecord;
import dev.chime.history.RunRepository;
import dev.chime.store.Store;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chime history show ID}: one run, whole, output excerpt included. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "One run record, whole, with its output excerpt.")
final class HistoryShowCommand implements Callable<Integer> {

  @Mixin ConfigOption config;

  @Parameters(paramLabel = "ID", description = "The run's id (the ID column of 'chime history').")
  long id;

  @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table", description = "table or json (default ${DEFAULT-VALUE}).")
  OutputFormat output;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ChimeConfig loaded = config.load();
    Optional<RunRecord> run;
    try (Store store = Store.open(loaded, "cli")) {
      run = new RunRepository(store.dataSource(), loaded.cluster().name()).get(id);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (run.isEmpty()) {
      spec.commandLine().getErr().printf("chime: no run %d in cluster '%s'%n", id, loaded.cluster().name());
      return Main.NOT_FOUND;
    }
    if (output == OutputFormat.json) {
      OutputFormat.printJson(out, run.get());
      return 0;
    }
    print(run.get(), out);
    return 0;
  }

  private static void print(RunRecord r, PrintWriter out) {
    out.printf("run %d: job %s, attempt %d (%s), %s%n", r.id(), r.job(), r.attempt(), r.trigger(), r.outcome());
    out.printf("  scheduled  %s%n  started    %s%n  ended      %s%n  duration   %s%n  node       %s%n",
        r.scheduledAt(), r.startedAt(), r.endedAt().map(Object::toString).orElse("-"), HistoryCommand.duration(r), r.node());
    out.printf("  idempotency key  %s@%s%n", r.job(), r.scheduledAt());
    r.exitCode().ifPresent(c -> out.printf("  exit code  %d%n", c));
    r.httpStatus().ifPresent(c -> out.printf("  HTTP status  %d%n", c));
    r.rowsAffected().ifPresent(c -> out.printf("  rows affected  %d%n", c));
    if (!r.parameters().isEmpty()) {
      out.printf("  parameters %s%n", r.parameters());
    }
    r.error().ifPresent(e -> out.printf("  error      %s%n", e));
    out.printf("%noutput (%d bytes in all):%n%s%n", r.outputBytes().orElse(0L), r.output().orElse(""));
  }
}
