package dev.chime.schedule;

import dev.chime.ChimeException;

/**
 * An operator control refused: the request is invalid (an unknown job or parameter, a time in the
 * past), or the job or run is not in a state that allows it (a disabled job, a one-off that already
 * fired). The CLI maps {@link Kind} to exit codes, an HTTP API to status codes.
 */
public final class ControlException extends ChimeException {

  /** Why the request was refused. */
  public enum Kind {
    /** The request names something that does not exist or asks for something impossible (HTTP 400/404). */
    INVALID,
    /** The target exists but its state forbids the request (HTTP 409). */
    CONFLICT,
    /** No such one-off run (HTTP 404). */
    NOT_FOUND
  }

  private final Kind kind;

  public ControlException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
