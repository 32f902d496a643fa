package dev.chime.cli;

import dev.chime.schedule.FireForecast.Forecast;
import dev.chime.schedule.FireTime;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chime next}: a job's coming fires, with what daylight saving time does to them. */
@Command(
    name = "next",
    mixinStandardHelpOptions = true,
    description = {
      "A job's next fire times in its zone, from the definition the store holds, computed as Quartz fires",
      "them. Fires that DST moves, removes (a time in a spring-forward gap) or doubles (a time in a fall-back",
      "overlap) are marked. Changes nothing. Exit 0; 2 unknown job or bad command line."
    })
final class NextCommand implements Callable<Integer> {

  @Mixin ConfigOption config;

  @Parameters(paramLabel = "JOB", description = "The job.")
  String job;

  @Option(names = "--count", paramLabel = "N", defaultValue = "10", description = "Fires to show, 1-1000 (default ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--from", paramLabel = "INSTANT", converter = Instants.InstantConverter.class,
      description = "Start after this ISO-8601 instant (default: now).")
  Instant from;

  @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table", description = "table or json (default ${DEFAULT-VALUE}).")
  OutputFormat output;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (count < 1 || count > 1000) {
      throw new ParameterException(spec.commandLine(), "--count must be between 1 and 1000, found " + count);
    }
    Forecast forecast;
    try (StoreClient client = StoreClient.open(config.load())) {
      forecast = client.control().next(job, from == null ? Instant.now() : from, count);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (output == OutputFormat.json) {
      OutputFormat.printJson(out, forecast);
      return 0;
    }
    out.printf("%s: cron '%s' in %s%n", forecast.job(), forecast.cron(), forecast.timeZone());
    forecast.fires().forEach(f -> out.println("  " + line(f, forecast)));
    return 0;
  }

  private static String line(FireTime f, Forecast forecast) {
    String when = f.at().map(at -> Times.inZone(at, forecast.timeZone())).orElse(f.askedFor().toString().replace('T', ' ') + " (not fired)");
    return f.note().isEmpty() ? when : when + "  " + f.note();
  }
}
