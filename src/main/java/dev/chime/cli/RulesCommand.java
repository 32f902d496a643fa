package dev.chime.cli;

import dev.chime.metrics.AlertRules;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chime rules}: print Prometheus alerting rules for chime's metrics. */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    description = {
      "Print Prometheus alerting rules for chime's metrics: a job past its success deadline, failing in a row,",
      "misfiring; no node running; configs differing across nodes; the pool exhausted; clock skew.",
      "Save the output as a rules file (check it with `promtool check rules FILE`). Needs no config."
    })
final class RulesCommand implements Callable<Integer> {

  @Option(names = "--failures", paramLabel = "N", defaultValue = "3",
      description = "Failed runs in a row that raise ChimeJobFailing (default ${DEFAULT-VALUE}).")
  int failures;

  @Option(names = "--max-clock-skew", paramLabel = "DURATION", defaultValue = "5s", converter = Instants.DurationConverter.class,
      description = "Clock skew against the database that raises ChimeClockSkew, e.g. 5s, 500ms (default ${DEFAULT-VALUE}).")
  Duration maxClockSkew;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (failures < 1) {
      spec.commandLine().getErr().println("chime rules: --failures must be at least 1");
      return Main.INVALID;
    }
    spec.commandLine().getOut().print(new AlertRules(failures, maxClockSkew).yaml());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
