package dev.chime.cli;

import dev.chime.history.AuditLog;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code chime audit}: the audit log, newest first. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "The audit log, newest first: every pause, resume, trigger, schedule and cancel, from the CLI or the",
      "HTTP API, and the API's node standby/start: who (token name or OS user), what, the arguments, when,",
      "from where (address or 'cli') and the result (ok, or the error)."
    })
final class AuditCommand implements Callable<Integer> {

  @Mixin ConfigOption config;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "Records to show, 1-1000 (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table", description = "table or json (default ${DEFAULT-VALUE}).")
  OutputFormat output;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (limit < 1 || limit > 1000) {
      throw new ParameterException(spec.commandLine(), "--limit must be between 1 and 1000, found " + limit);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (StoreClient client = StoreClient.open(config.load())) {
      AuditLog.Page page = client.audit().page(limit, 0);
      if (output == OutputFormat.json) {
        OutputFormat.printJson(out, page.entries());
      } else {
        OutputFormat.printTable(out, java.util.List.of("AT", "WHO", "FROM", "ACTION", "ARGUMENTS", "RESULT"),
            page.entries().stream().map(AuditCommand::row).toList());
      }
    }
    return 0;
  }

  private static java.util.List<String> row(AuditLog.Entry e) {
    return java.util.List.of(e.at().toString(), e.actor(), e.source(), e.action(), String.valueOf(e.arguments()),
        e.error().map(err -> "error: " + err).orElse(e.result()));
  }
}
