package dev.chime.config;

import dev.chime.ChimeException;
import java.util.List;
import java.util.stream.Collectors;

/** A config file with one or more problems, all of them listed; nothing was applied. */
public final class InvalidConfigException extends ChimeException {

  private final transient List<ConfigProblem> problems;

  public InvalidConfigException(List<ConfigProblem> problems) {
    super(describe(problems));
    this.problems = List.copyOf(problems);
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String describe(List<ConfigProblem> problems) {
    String lines = problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    int n = problems.size();
    return "invalid configuration (" + n + (n == 1 ? " problem" : " problems") + "):\n" + lines;
  }
}
