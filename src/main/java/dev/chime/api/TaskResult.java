package dev.chime.api;

import java.util.Optional;

/** How a {@link ChimeTask} run ended, with an optional message recorded in the run's output. */
public record TaskResult(boolean succeeded, Optional<String> message) {

  public static TaskResult success() {
    return new TaskResult(true, Optional.empty());
  }

  public static TaskResult success(String message) {
    return new TaskResult(true, Optional.ofNullable(message));
  }

  public static TaskResult failure(String message) {
    return new TaskResult(false, Optional.ofNullable(message));
  }
}
