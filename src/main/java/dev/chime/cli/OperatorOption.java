package dev.chime.cli;

import picocli.CommandLine.Option;

/** {@code --by NAME}: who is asking, recorded with the change. Default: the OS user. */
final class OperatorOption {

  @Option(names = "--by", paramLabel = "NAME", description = "Who is asking, recorded with the change (default: the OS user, ${sys:user.name}).")
  String by;

  String name() {
    return by != null && !by.isBlank() ? by : System.getProperty("user.name", "unknown");
  }
}
