package dev.chime.cli;

import dev.chime.history.RunRecord;
import dev.chime.schedule.JobControl;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chime trigger}: run a job now, once, somewhere in the cluster. */
@Command(
    name = "trigger",
    mixinStandardHelpOptions = true,
    description = {
      "Run a job now, once in the cluster, with the definition the store holds; --param overrides its",
      "declared parameters. Recorded as trigger 'manual' with --by and a request id. Waits up to --wait for",
      "a node to start it (the job's overlap rule applies: it may wait for a running fire of the same job).",
      "Exit 0 started or queued; 2 unknown job, undeclared parameter or bad command line."
    })
final class TriggerCommand implements Callable<Integer> {

  @Mixin ConfigOption config;
  @Mixin OperatorOption operator;

  @Parameters(paramLabel = "JOB", description = "The job to run.")
  String job;

  @Option(names = "--param", paramLabel = "NAME=VALUE", description = "Override a declared parameter; repeatable.")
  Map<String, String> parameters = new LinkedHashMap<>();

  @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "30s", converter = Instants.DurationConverter.class,
      description = "How long to wait for a node to start the run (default ${DEFAULT-VALUE}; 0: do not wait).")
  Duration wait;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (StoreClient client = StoreClient.open(config.load())) {
      JobControl control = client.control();
      String requestId = client.audit().run(CliAudit.call("trigger", "job", job, "parameters", parameters, "by", operator.by),
          () -> control.trigger(job, operator.name(), parameters));
      Optional<RunRecord> run = control.awaitRun(requestId, wait);
      out.println(run.map(r -> "run " + r.id() + " started on " + r.node() + " (request " + requestId + ")")
          .orElse("queued as request " + requestId + "; no node has started it yet"));
    }
    return 0;
  }
}
