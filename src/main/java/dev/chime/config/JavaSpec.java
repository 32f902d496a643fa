package dev.chime.config;

/** The {@code java} job kind: a class implementing {@code dev.chime.api.ChimeTask}. */
public record JavaSpec(String className) implements KindSpec {

  @Override
  public String kind() {
    return "java";
  }
}
