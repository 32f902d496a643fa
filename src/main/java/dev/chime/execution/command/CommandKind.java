package dev.chime.execution.command;

import dev.chime.config.CommandSpec;
import dev.chime.config.Placeholders;
import dev.chime.execution.Cancellation;
import dev.chime.execution.KindRunner;
import dev.chime.execution.RunContext;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code command} kind: placeholders expanded in args and env; the run context arrives as
 * CHIME_* variables; exit code 0 is success.
 */
public final class CommandKind implements KindRunner<CommandSpec> {

  private final CommandRunner runner = new CommandRunner();

  @Override
  public KindResult run(
      CommandSpec spec, RunContext context, long outputLimit, Cancellation cancellation)
      throws IOException {
    Map<String, String> values = context.placeholderValues();
    Map<String, String> env = new LinkedHashMap<>();
    spec.env().forEach((k, v) -> env.put(k, Placeholders.expand(v, values)));
    env.putAll(context.asEnvironment());
    CommandSpec expanded = new CommandSpec(
        spec.args().stream().map(a -> Placeholders.expand(a, values)).toList(), spec.directory(), Map.of());
    CommandResult result = runner.run(expanded, env, (int) outputLimit, cancellation);
    String message =
        result.killed()
            ? "process killed"
            : result.exitCode() == 0 ? null : "exited with code " + result.exitCode();
    return KindResult.of(!result.killed() && result.exitCode() == 0, message, result.output(), result.outputBytes())
        .withExitCode(result.killed() ? null : result.exitCode());
  }
}
