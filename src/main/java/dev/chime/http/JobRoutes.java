package dev.chime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.chime.config.JobSpec;
import dev.chime.config.JobSpecJson;
import dev.chime.history.RunRepository;
import dev.chime.schedule.FireForecast;
import dev.chime.schedule.FireTime;
import dev.chime.schedule.JobControl;
import dev.chime.schedule.JobView;
import dev.chime.schedule.Pause;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /jobs}: the jobs the store holds; run now, pause, resume. */
final class JobRoutes {

  private static final int LAST_RUNS = 10;

  /** One job in full: its state, its stored definition (secrets are references), its coming fires, its latest runs. */
  record JobDetail(String name, String state, String kind, String cron, String timeZone, Optional<String> description,
      Optional<Instant> nextFireTime, Optional<Instant> previousFireTime, Optional<Pause> pause,
      JsonNode definition, List<FireTime> nextFires, List<RunRoutes.RunSummary> lastRuns) {}

  private final JobControl control;
  private final RunRepository runs;
  private final Clock clock;

  JobRoutes(NodeServices services) {
    this.control = services.control();
    this.runs = services.runs();
    this.clock = services.clock();
  }

  void register(Api api) {
    api.read("/jobs", ctx -> Map.of("jobs", control.jobs()));
    api.read("/jobs/{name}", this::job);
    api.mutation(HandlerType.POST, "/jobs/{name}/trigger", "trigger", this::trigger);
    api.mutation(HandlerType.POST, "/jobs/{name}/pause", "pause", this::pause);
    api.mutation(HandlerType.POST, "/jobs/{name}/resume", "resume", this::resume);
  }

  private JobDetail job(Context ctx) {
    JobView view = view(ctx.pathParam("name"));
    int count = Params.integer(ctx, "count", 5, 1, 100);
    JobSpec spec = control.definition(view.name());
    List<FireTime> fires = FireForecast.next(spec, clock.instant(), count);
    List<RunRoutes.RunSummary> last = runs.latest(Optional.of(view.name()), LAST_RUNS).stream()
        .map(RunRoutes.RunSummary::of).toList();
    return new JobDetail(view.name(), view.state(), view.kind(), view.cron(), view.timeZone(), view.description(),
        view.nextFireTime(), view.previousFireTime(), view.pause(), definition(spec), fires, last);
  }

  private Object trigger(Context ctx, Body body) {
    body.allowOnly("parameters");
    String job = view(ctx.pathParam("name")).name();
    String requestId = control.trigger(job, Api.caller(ctx).name(), body.parameters("parameters"));
    ctx.status(202);
    return Map.of("job", job, "requestId", requestId);
  }

  private Object pause(Context ctx, Body body) {
    body.allowOnly("reason", "until");
    String job = view(ctx.pathParam("name")).name();
    Optional<Instant> until = body.instant("until");
    until.filter(u -> !u.isAfter(clock.instant())).ifPresent(u -> {
      throw ApiError.badRequest("until", "must be in the future, found " + u + " (now " + clock.instant() + ")");
    });
    JobControl.JobOutcome outcome = control.pause(job, Api.caller(ctx).name(), body.text("reason"), until);
    return outcome(outcome);
  }

  private Object resume(Context ctx, Body body) {
    body.allowOnly();
    return outcome(control.resume(view(ctx.pathParam("name")).name()));
  }

  private static Map<String, String> outcome(JobControl.JobOutcome outcome) {
    return Map.of("job", outcome.job(), "outcome", Params.lower(outcome.outcome().name()));
  }

  /** The job as the store holds it; 404 for a job the store does not have. */
  private JobView view(String name) {
    List<JobView> jobs = control.jobs();
    return jobs.stream().filter(j -> j.name().equals(name)).findFirst()
        .orElseThrow(() -> ApiError.notFound("unknown job '" + name + "'; jobs in the store: "
            + (jobs.isEmpty() ? "(none)" : String.join(", ", jobs.stream().map(JobView::name).toList()))));
  }

  static void requireJob(JobControl control, String name) {
    if (control.jobs().stream().noneMatch(j -> j.name().equals(name))) {
      throw ApiError.notFound("unknown job '" + name + "'");
    }
  }

  private static JsonNode definition(JobSpec spec) {
    try {
      return Json.MAPPER.readTree(JobSpecJson.toJson(spec));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("job '" + spec.name() + "': its definition is not JSON", e);
    }
  }
}
