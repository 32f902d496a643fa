package dev.chime.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code command} job kind: an argv list run directly (never through a shell), in an optional
 * working directory, with extra environment variables on top of the node's own.
 */
public record CommandSpec(List<String> args, Optional<String> directory, Map<String, String> env)
    implements KindSpec {

  public CommandSpec {
    args = List.copyOf(args);
    env = Map.copyOf(env);
  }

  @Override
  public String kind() {
    return "command";
  }
}
