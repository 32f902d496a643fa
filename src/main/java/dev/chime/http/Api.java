package dev.chime.http;

import dev.chime.config.AdminSettings.Role;
import dev.chime.history.AuditLog;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Registers the admin API's routes under {@code /api/v1}. Reads are GETs, open to every token.
 * Mutations are open to operators only, and every one — allowed, refused or failed — leaves an
 * audit record: the caller, the action, its path parameters and body, when, from where, and the
 * result. This is the only way routes are added, so none can skip the role check or the audit.
 */
final class Api {

  static final String PREFIX = "/api/v1";
  static final String CALLER = "chime.caller";

  /** A read: answers with the value to write as JSON (200). */
  interface Read {
    Object handle(Context ctx);
  }

  /** A mutation: gets the request's JSON body; sets its status itself when it is not 200. */
  interface Mutation {
    Object handle(Context ctx, Body body);
  }

  private final RoutesConfig routes;
  private final AuditLog audit;

  Api(RoutesConfig routes, AuditLog audit) {
    this.routes = routes;
    this.audit = audit;
  }

  void read(String path, Read read) {
    routes.get(PREFIX + path, ctx -> ctx.json(read.handle(ctx)));
  }

  void mutation(HandlerType method, String path, String action, Mutation mutation) {
    routes.addHttpHandler(method, PREFIX + path, ctx -> audited(ctx, action, mutation));
  }

  static Tokens.Caller caller(Context ctx) {
    return ctx.attribute(CALLER);
  }

  private void audited(Context ctx, String action, Mutation mutation) {
    Tokens.Caller caller = caller(ctx);
    Map<String, Object> arguments = new LinkedHashMap<>(ctx.pathParamMap());
    AuditLog.Call call = new AuditLog.Call(caller.name(), action, arguments, ctx.ip());
    try {
      if (caller.role() != Role.OPERATOR) {
        throw ApiError.forbidden("token '" + caller.name() + "' has role viewer: it may only read (GET); "
            + action + " needs an operator token");
      }
      Body body = body(ctx, arguments);
      Object answer = mutation.handle(ctx, body);
      audit.append(call, Optional.empty());
      ctx.json(answer);
    } catch (Exception e) {
      ApiError error = Errors.map(e);
      audit.append(call, Optional.of(error.status() + " " + error.code() + ": " + error.getMessage()));
      throw error;
    }
  }

  /** The parsed body, its fields added to the audited arguments; an unreadable body is audited as text. */
  private static Body body(Context ctx, Map<String, Object> arguments) {
    try {
      Body body = Body.parse(ctx.body());
      arguments.putAll(body.fields());
      return body;
    } catch (ApiError e) {
      String text = ctx.body();
      arguments.put("body", text.length() > 500 ? text.substring(0, 500) + "..." : text);
      throw e;
    }
  }
}
