package dev.chime.config;

import dev.chime.ChimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a secret lives — an environment variable or a file — resolved on the executing node at run
 * time. The store, plans, job listings and logs only ever see the reference, never the value.
 */
public record SecretRef(Optional<String> env, Optional<String> file) {

  public static SecretRef ofEnv(String name) {
    return new SecretRef(Optional.of(name), Optional.empty());
  }

  public static SecretRef ofFile(String path) {
    return new SecretRef(Optional.empty(), Optional.of(path));
  }

  /** The secret's value; a {@link ChimeException} naming the reference when it is not there. */
  public String resolve() {
    if (env.isPresent()) {
      String value = System.getenv(env.get());
      if (value == null || value.isEmpty()) {
        throw new ChimeException("secret environment variable " + env.get() + " is not set on this node");
      }
      return value;
    }
    Path path = Path.of(file.orElseThrow());
    try {
      return Files.readString(path).strip();
    } catch (IOException e) {
      throw new ChimeException("cannot read secret file " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return env.map(e -> "env:" + e).orElseGet(() -> "file:" + file.orElse("?"));
  }
}
