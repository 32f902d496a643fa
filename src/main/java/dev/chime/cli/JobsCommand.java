package dev.chime.cli;

import dev.chime.schedule.JobView;
import dev.chime.schedule.Pause;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chime jobs}: what the store holds. */
@Command(
    name = "jobs",
    mixinStandardHelpOptions = true,
    description = {
      "List the jobs the store holds: cron, time zone, state (normal, paused, blocked, error, disabled), next and",
      "previous fire time in the job's zone; for a paused job who paused it, until when and why."})
final class JobsCommand implements Callable<Integer> {

  @Mixin ConfigOption config;

  @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table", description = "table or json (default ${DEFAULT-VALUE}).")
  OutputFormat output;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    List<JobView> jobs;
    try (StoreClient client = StoreClient.open(config.load())) {
      jobs = client.control().jobs();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (output == OutputFormat.json) {
      OutputFormat.printJson(out, jobs);
      return 0;
    }
    OutputFormat.printTable(out,
        List.of("NAME", "KIND", "CRON", "TIME-ZONE", "STATE", "NEXT-FIRE", "PREVIOUS-FIRE", "PAUSED-BY", "UNTIL", "REASON"),
        jobs.stream().map(j -> List.of(j.name(), j.kind(), j.cron(), j.timeZone(), j.state(),
            Times.inZone(j.nextFireTime(), j.timeZone()), Times.inZone(j.previousFireTime(), j.timeZone()),
            j.pause().map(Pause::by).orElse("-"),
            Times.inZone(j.pause().flatMap(Pause::until), j.timeZone()),
            j.pause().flatMap(Pause::reason).orElse("-"))).toList());
    return 0;
  }
}
