package dev.chime.config;

/** A secret value read from the environment or a file; it never prints. */
public record Secret(String value) {

  public static final Secret NONE = new Secret("");

  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public String toString() {
    return isEmpty() ? "" : "****";
  }
}
