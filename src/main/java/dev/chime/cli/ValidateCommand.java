package dev.chime.cli;

import dev.chime.config.ChimeConfig;
import dev.chime.config.JobSpec;
import dev.chime.schedule.FireTimes;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chime validate}: check a config without a database. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check the config without touching a database: every problem is listed with its file:line.",
      "Prints each job with its next fire times in its own time zone. Exit 0 when valid, 2 when not."
    })
final class ValidateCommand implements Callable<Integer> {

  @Mixin ConfigOption config;

  @Option(names = "--next", paramLabel = "N", defaultValue = "3", description = "Fire times to show per job (default ${DEFAULT-VALUE}).")
  int next;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ChimeConfig loaded = config.load();
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%s: valid, %d job(s)%n", loaded.source(), loaded.jobs().size());
    Instant now = Instant.now();
    for (JobSpec job : loaded.jobs()) {
      out.printf("%n%s  %s  '%s'  %s%s%n", job.name(), job.kind().kind(), job.cron(), job.timeZone(),
          job.enabled() ? "" : "  (disabled)");
      job.description().ifPresent(d -> out.printf("  %s%n", d));
      List<Instant> times = FireTimes.next(job, now, Math.max(0, next));
      times.forEach(t -> out.printf("  next: %s%n", Times.inZone(t, job.timeZone())));
    }
    return 0;
  }
}
