package dev.chime.cli;

import dev.chime.schedule.JobControl;
import dev.chime.schedule.OneOff;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chime cancel}: cancel a pending one-off run. */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description = {
      "Cancel a pending one-off run ('chime schedule'): it will not run. One that already fired cannot be",
      "cancelled. Exit 0 cancelled, or already cancelled (it says so); 1 already fired, or no such one-off run."
    })
final class CancelCommand implements Callable<Integer> {

  @Mixin ConfigOption config;
  @Mixin OperatorOption operator;

  @Parameters(paramLabel = "ID", description = "The one-off run's id (printed by 'chime schedule').")
  String id;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (StoreClient client = StoreClient.open(config.load())) {
      JobControl.Cancelled cancelled = client.audit().run(CliAudit.call("cancel", "id", id, "by", operator.by),
          () -> client.control().cancel(id, operator.name()));
      OneOff o = cancelled.oneOff();
      out.println(cancelled.before()
          ? "one-off run " + o.id() + " was already cancelled at " + o.cancelledAt().map(Object::toString).orElse("?")
              + " by " + o.cancelledBy().orElse("?")
          : "cancelled one-off run " + o.id() + " (job '" + o.job() + "' at " + o.runAt() + ")");
    }
    return 0;
  }
}
