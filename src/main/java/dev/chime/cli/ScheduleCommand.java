package dev.chime.cli;

import dev.chime.schedule.OneOff;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chime schedule}: a one-off run of a job at a chosen time. */
@Command(
    name = "schedule",
    mixinStandardHelpOptions = true,
    description = {
      "Run a job once at a chosen instant, besides its schedule; --param overrides its declared parameters.",
      "Prints the one-off run's id (for 'chime scheduled' and 'chime cancel'). If no node is up at that",
      "instant it runs as soon as one is. Recorded as trigger 'one-off' with --by and the id as request id.",
      "Exit 0 scheduled; 2 unknown job, undeclared parameter, a time in the past or bad command line."
    })
final class ScheduleCommand implements Callable<Integer> {

  @Mixin ConfigOption config;
  @Mixin OperatorOption operator;

  @Parameters(paramLabel = "JOB", description = "The job to run.")
  String job;

  @Option(names = "--at", required = true, paramLabel = "INSTANT", converter = Instants.InstantConverter.class,
      description = "When: an ISO-8601 instant (2026-11-25T18:00:00Z or 2026-11-25T19:00:00+01:00).")
  Instant at;

  @Option(names = "--param", paramLabel = "NAME=VALUE", description = "Override a declared parameter; repeatable.")
  Map<String, String> parameters = new LinkedHashMap<>();

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    try (StoreClient client = StoreClient.open(config.load())) {
      OneOff oneOff = client.audit().run(
          CliAudit.call("schedule", "job", job, "at", at, "parameters", parameters, "by", operator.by),
          () -> client.control().schedule(job, at, operator.name(), parameters));
      spec.commandLine().getOut().printf("one-off run %s scheduled: job '%s' at %s%n", oneOff.id(), oneOff.job(), oneOff.runAt());
    }
    return 0;
  }
}
