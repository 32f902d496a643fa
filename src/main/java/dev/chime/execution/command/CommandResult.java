package dev.chime.execution.command;

import java.time.Duration;
import java.util.Objects;

/**
 * What a command run produced.
 *
 * @param exitCode the process's exit code, or -1 when it was killed (or never started because the
 *     run was already cancelled)
 * @param killed whether the run was cancelled and the process tree killed
 * @param output the bounded excerpt of the merged stdout/stderr (see {@link BoundedOutput})
 * @param outputBytes all bytes the process wrote, kept or not
 * @param duration wall time from start to the end of the run
 */
public record CommandResult(
    int exitCode, boolean killed, String output, long outputBytes, Duration duration) {

  public CommandResult {
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(duration, "duration");
  }
}
