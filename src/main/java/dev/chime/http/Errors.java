package dev.chime.http;

import dev.chime.ChimeException;
import dev.chime.schedule.ControlException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure into a JSON error with the right status, on both listeners. */
final class Errors {

  private static final Logger log = LoggerFactory.getLogger(Errors.class);
  private static final String WRITTEN = "chime.error";

  private Errors() {}

  static void install(JavalinConfig config) {
    config.routes.exception(Exception.class, (e, ctx) -> write(ctx, map(e)));
    config.routes.error(404, "*", ctx -> {
      if (ctx.attribute(WRITTEN) == null) {
        write(ctx, ApiError.notFound("no endpoint " + ctx.method() + " " + ctx.path()));
      }
    });
  }

  static void write(Context ctx, ApiError error) {
    if (error.status() == 401) {
      ctx.header("WWW-Authenticate", "Bearer");
    }
    ctx.attribute(WRITTEN, error.code());
    ctx.status(error.status()).json(error.body());
  }

  /** The API error an exception stands for: refusals by their kind, store failures 503, the rest 500. */
  static ApiError map(Exception e) {
    if (e instanceof ApiError api) {
      return api;
    }
    if (e instanceof ControlException refused) {
      return switch (refused.kind()) {
        case INVALID -> new ApiError(400, "BAD_REQUEST", e.getMessage(), Optional.empty());
        case CONFLICT -> new ApiError(409, "CONFLICT", e.getMessage(), Optional.empty());
        case NOT_FOUND -> ApiError.notFound(e.getMessage());
      };
    }
    if (e instanceof HttpResponseException http) {
      return new ApiError(http.getStatus(), code(http.getStatus()), e.getMessage(), Optional.empty());
    }
    if (e instanceof ChimeException) {
      log.warn("API call failed: {}", e.getMessage());
      return new ApiError(503, "UNAVAILABLE", e.getMessage(), Optional.empty());
    }
    log.error("API call failed unexpectedly", e);
    return new ApiError(500, "INTERNAL", "internal error: " + e, Optional.empty());
  }

  private static String code(int status) {
    return switch (status) {
      case 400 -> "BAD_REQUEST";
      case 404 -> "NOT_FOUND";
      case 405 -> "METHOD_NOT_ALLOWED";
      case 413 -> "PAYLOAD_TOO_LARGE";
      case 415 -> "UNSUPPORTED_MEDIA_TYPE";
      default -> status >= 500 ? "INTERNAL" : "HTTP_" + status;
    };
  }
}
