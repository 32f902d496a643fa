package dev.chime.http;

import java.util.Optional;

/**
 * An API answer that is an error: its status, a stable code and a message; {@code field} names the
 * request field at fault for a 400. Written as {@code {"error": CODE, "message": ..., "field": ...}}.
 */
final class ApiError extends RuntimeException {

  private final int status;
  private final String code;
  private final Optional<String> field;

  ApiError(int status, String code, String message, Optional<String> field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  static ApiError badRequest(String field, String message) {
    return new ApiError(400, "BAD_REQUEST", field + ": " + message, Optional.of(field));
  }

  static ApiError unauthorized(String message) {
    return new ApiError(401, "UNAUTHORIZED", message, Optional.empty());
  }

  static ApiError forbidden(String message) {
    return new ApiError(403, "FORBIDDEN", message, Optional.empty());
  }

  static ApiError notFound(String message) {
    return new ApiError(404, "NOT_FOUND", message, Optional.empty());
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  /** The JSON body. */
  Body body() {
    return new Body(code, getMessage(), field.orElse(null));
  }

  /** The error body; {@code field} is left out when null. */
  @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
  record Body(String error, String message, String field) {}
}
