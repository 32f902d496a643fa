package dev.chime.config;

/**
 * One thing wrong with a config file: where ({@code conf/chime.conf:14}), which setting ({@code
 * jobs.order-sync.cron}, relative to {@code chime}) and what was expected.
 */
public record ConfigProblem(String origin, String path, String message) {

  @Override
  public String toString() {
    return path.isEmpty() ? origin + ": " + message : origin + ": " + path + ": " + message;
  }
}
