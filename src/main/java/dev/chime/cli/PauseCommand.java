package dev.chime.cli;

import dev.chime.schedule.JobControl;
import dev.chime.schedule.JobControl.JobOutcome;
import dev.chime.schedule.JobControl.Outcome;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chime pause}: stop a job's scheduled fires, cluster-wide, until resumed. */
@Command(
    name = "pause",
    mixinStandardHelpOptions = true,
    description = {
      "Pause a job's schedule in the whole cluster (persisted: it stays paused across restarts and reconciles).",
      "Records who, when, why and until when; 'chime jobs' shows them. With --until the job resumes by itself",
      "at that instant, once, on whichever node is alive. Manual and one-off runs still run.",
      "--all pauses every job that has a trigger now (jobs added later are not paused).",
      "Pausing a paused job replaces its record. A disabled job cannot be paused (exit 1).",
      "Exit 0 paused; 1 the job is disabled; 2 unknown job, --until in the past, bad command line."
    })
final class PauseCommand implements Callable<Integer> {

  @Mixin ConfigOption config;
  @Mixin OperatorOption operator;

  @Parameters(paramLabel = "JOB", arity = "0..1", description = "The job to pause.")
  String job;

  @Option(names = "--all", description = "Pause every job.")
  boolean all;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why, shown by 'chime jobs'.")
  String reason;

  @Option(names = "--until", paramLabel = "INSTANT", converter = Instants.InstantConverter.class,
      description = "Resume by itself at this ISO-8601 instant (2026-11-25T18:00:00Z or 2026-11-25T19:00:00+01:00).")
  Instant until;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (all == (job != null)) {
      throw new ParameterException(spec.commandLine(), "give either a JOB or --all");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (StoreClient client = StoreClient.open(config.load())) {
      JobControl control = client.control();
      List<JobOutcome> outcomes = client.audit().run(
          CliAudit.call("pause", "job", job, "all", all ? true : null, "reason", reason, "until", until, "by", operator.by),
          () -> all
              ? control.pauseAll(operator.name(), Optional.ofNullable(reason), Optional.ofNullable(until))
              : List.of(control.pause(job, operator.name(), Optional.ofNullable(reason), Optional.ofNullable(until))));
      outcomes.forEach(o -> out.println(line(o)));
    }
    return 0;
  }

  private String line(JobOutcome o) {
    String details = " by " + operator.name() + (until == null ? "" : " until " + until)
        + (reason == null || reason.isBlank() ? "" : ": " + reason);
    return switch (o.outcome()) {
      case PAUSED -> "paused job '" + o.job() + "'" + details;
      case UPDATED -> "job '" + o.job() + "' was already paused; pause record replaced:" + details;
      case DISABLED -> "job '" + o.job() + "' is disabled (enabled = false); not paused";
      default -> "job '" + o.job() + "': " + o.outcome();
    };
  }

  static boolean unchanged(Outcome outcome) {
    return outcome == Outcome.NOT_PAUSED || outcome == Outcome.DISABLED;
  }
}
