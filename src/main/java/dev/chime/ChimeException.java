package dev.chime;

/**
 * Root of chime's own unchecked exceptions. {@code SQLException}s and Quartz's {@code
 * SchedulerException}s are wrapped in one of these at the store and schedule edge, cause kept, with
 * a message that names what failed and what to do about it.
 */
public class ChimeException extends RuntimeException {

  public ChimeException(String message) {
    super(message);
  }

  public ChimeException(String message, Throwable cause) {
    super(message, cause);
  }
}
