package dev.chime.cli;

import dev.chime.schedule.OneOff;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code chime scheduled}: the one-off runs and what became of them. */
@Command(
    name = "scheduled",
    mixinStandardHelpOptions = true,
    description = {
      "List one-off runs ('chime schedule'), soonest first: job, time, status (pending, fired, cancelled),",
      "the run a fired one became, parameters, who asked and who cancelled. Changes nothing."
    })
final class ScheduledCommand implements Callable<Integer> {

  private static final List<String> STATUSES = List.of(OneOff.PENDING, OneOff.FIRED, OneOff.CANCELLED);

  @Mixin ConfigOption config;

  @Option(names = "--job", paramLabel = "JOB", description = "Only this job's one-off runs.")
  String job;

  @Option(names = "--status", paramLabel = "STATUS", description = "Only pending, fired or cancelled ones.")
  String status;

  @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table", description = "table or json (default ${DEFAULT-VALUE}).")
  OutputFormat output;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (status != null && !STATUSES.contains(status)) {
      throw new ParameterException(spec.commandLine(), "--status '" + status + "' is not one of " + String.join(", ", STATUSES));
    }
    List<OneOff> oneOffs;
    try (StoreClient client = StoreClient.open(config.load())) {
      oneOffs = client.control().oneOffs(Optional.ofNullable(job), Optional.ofNullable(status));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (output == OutputFormat.json) {
      OutputFormat.printJson(out, oneOffs);
      return 0;
    }
    OutputFormat.printTable(out, List.of("ID", "JOB", "RUN-AT", "STATUS", "RUN", "BY", "CANCELLED-BY", "PARAMETERS"),
        oneOffs.stream().map(o -> List.of(o.id(), o.job(), o.runAt().toString(), o.status(),
            o.runId().map(String::valueOf).orElse("-"), o.createdBy(), o.cancelledBy().orElse("-"),
            o.parameters().isEmpty() ? "-" : o.parameters().toString())).toList());
    return 0;
  }
}
