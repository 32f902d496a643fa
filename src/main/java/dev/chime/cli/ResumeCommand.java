package dev.chime.cli;

import dev.chime.schedule.JobControl;
import dev.chime.schedule.JobControl.JobOutcome;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chime resume}: undo {@code chime pause}. */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description = {
      "Resume a paused job (or --all jobs) in the whole cluster: its schedule runs again from its next fire",
      "(fires missed while paused are not caught up). Clears the pause record and any pending --until.",
      "Exit 0 resumed, and also when the job was not paused (it says so); 2 unknown job or bad command line."
    })
final class ResumeCommand implements Callable<Integer> {

  @Mixin ConfigOption config;

  @Parameters(paramLabel = "JOB", arity = "0..1", description = "The job to resume.")
  String job;

  @Option(names = "--all", description = "Resume every job.")
  boolean all;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (all == (job != null)) {
      throw new ParameterException(spec.commandLine(), "give either a JOB or --all");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (StoreClient client = StoreClient.open(config.load())) {
      JobControl control = client.control();
      List<JobOutcome> outcomes = client.audit().run(CliAudit.call("resume", "job", job, "all", all ? true : null),
          () -> all ? control.resumeAll() : List.of(control.resume(job)));
      outcomes.stream().filter(o -> !all || !PauseCommand.unchanged(o.outcome())).forEach(o -> out.println(line(o)));
      if (all && outcomes.stream().allMatch(o -> PauseCommand.unchanged(o.outcome()))) {
        out.println("no job was paused");
      }
    }
    return 0;
  }

  private static String line(JobOutcome o) {
    return switch (o.outcome()) {
      case RESUMED -> "resumed job '" + o.job() + "'";
      case NOT_PAUSED -> "job '" + o.job() + "' is not paused; nothing to resume";
      case DISABLED -> "job '" + o.job() + "' is disabled (enabled = false); nothing to resume";
      default -> "job '" + o.job() + "': " + o.outcome();
    };
  }
}
