package dev.chime.cli;

import dev.chime.config.ChimeConfig;
import dev.chime.config.ConfigLoader;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --config FILE}, defaulting to $CHIME_CONFIG: the same file for every command. */
final class ConfigOption {

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "The config file (HOCON). Default: $CHIME_CONFIG.")
  Path file;

  ChimeConfig load() {
    return ConfigLoader.load(path());
  }

  Path path() {
    if (file != null) {
      return file;
    }
    String fromEnv = System.getenv("CHIME_CONFIG");
    if (fromEnv == null || fromEnv.isBlank()) {
      throw new ParameterException(
          mixee.commandLine(), "no config file: pass --config FILE or set CHIME_CONFIG");
    }
    return Path.of(fromEnv);
  }
}
