package dev.chime.http;

import dev.chime.schedule.JobControl;
import dev.chime.schedule.OneOff;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /schedules}: one-off runs of stored jobs at a chosen instant; list and cancel them. */
final class ScheduleRoutes {

  private static final List<String> STATUSES = List.of(OneOff.PENDING, OneOff.FIRED, OneOff.CANCELLED);

  /** The answer to a cancel: the one-off run as it now stands; {@code alreadyCancelled} when it was before. */
  record Cancelled(OneOff schedule, boolean alreadyCancelled) {}

  private final JobControl control;
  private final Clock clock;

  ScheduleRoutes(NodeServices services) {
    this.control = services.control();
    this.clock = services.clock();
  }

  void register(Api api) {
    api.read("/schedules", this::list);
    api.mutation(HandlerType.POST, "/schedules", "schedule", this::schedule);
    api.mutation(HandlerType.DELETE, "/schedules/{id}", "cancel", this::cancel);
  }

  private Map<String, List<OneOff>> list(Context ctx) {
    Optional<String> status = Params.text(ctx, "status").map(s -> Params.oneOf(ctx, "status", s, STATUSES));
    return Map.of("schedules", control.oneOffs(Params.text(ctx, "job"), status));
  }

  private OneOff schedule(Context ctx, Body body) {
    body.allowOnly("job", "at", "parameters");
    String job = body.requiredText("job");
    Instant at = body.instant("at").orElseThrow(() -> ApiError.badRequest("at", "is required: an ISO-8601 instant"));
    if (!at.isAfter(clock.instant())) {
      throw ApiError.badRequest("at", "must be in the future, found " + at + " (now " + clock.instant() + ")");
    }
    JobRoutes.requireJob(control, job);
    OneOff oneOff = control.schedule(job, at, Api.caller(ctx).name(), body.parameters("parameters"));
    ctx.status(201);
    return oneOff;
  }

  private Cancelled cancel(Context ctx, Body body) {
    body.allowOnly();
    JobControl.Cancelled cancelled = control.cancel(ctx.pathParam("id"), Api.caller(ctx).name());
    return new Cancelled(cancelled.oneOff(), cancelled.before());
  }
}
