package dev.chime.execution.command;

import dev.chime.config.CommandSpec;
import dev.chime.execution.Cancellation;
import dev.chime.execution.KindRunner;
import dev.chime.execution.RunContext;
import java.io.IOException;

/** The {@code command} kind: exit code 0 is success; the run context arrives as CHIME_* variables. */
public final class CommandKind implements KindRunner<CommandSpec> {

  private final CommandRunner runner = new CommandRunner();

  @Override
  public KindResult run(
      CommandSpec spec, RunContext context, long outputLimit, Cancellation cancellation)
      throws IOException {
    CommandResult result =
        runner.run(spec, context.asEnvironment(), (int) outputLimit, cancellation);
    String message =
        result.killed()
            ? "process killed"
            : result.exitCode() == 0 ? null : "exited with code " + result.exitCode();
    return new KindResult(
        !result.killed() && result.exitCode() == 0,
        result.killed() ? null : result.exitCode(),
        message,
        result.output(),
        result.outputBytes());
  }
}
