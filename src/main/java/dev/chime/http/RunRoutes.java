package dev.chime.http;

import dev.chime.execution.RunOutcome;
import dev.chime.history.RunPage;
import dev.chime.history.RunQuery;
import dev.chime.history.RunRecord;
import dev.chime.history.RunRepository;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /runs}: run records, filtered, ordered and paged; one run whole. */
final class RunRoutes {

  private static final List<String> ORDERS = List.of("scheduledAt", "startedAt", "job", "status");
  private static final List<String> STATUSES = Arrays.stream(RunOutcome.values()).map(RunOutcome::id).toList();

  /** A run in a listing: everything but its output. {@code outcome} is what the {@code status} filter matches. */
  record RunSummary(long id, String job, Instant scheduledAt, Instant startedAt, Optional<Instant> endedAt,
      Optional<Long> durationMs, String node, int attempt, String trigger, String outcome, Optional<String> error,
      Map<String, String> parameters, Optional<String> triggeredBy, Optional<String> requestId) {

    static RunSummary of(RunRecord r) {
      return new RunSummary(r.id(), r.job(), r.scheduledAt(), r.startedAt(), r.endedAt(),
          r.endedAt().map(end -> Duration.between(r.startedAt(), end).toMillis()), r.node(), r.attempt(),
          r.trigger(), r.outcome(), r.error(), r.parameters(), r.triggeredBy(), r.requestId());
    }
  }

  /** A page of runs. */
  record Runs(List<RunSummary> runs, Pagination pagination) {}

  private final RunRepository runs;

  RunRoutes(NodeServices services) {
    this.runs = services.runs();
  }

  void register(Api api) {
    api.read("/runs", this::list);
    api.read("/runs/{id}", this::run);
  }

  private Runs list(Context ctx) {
    RunPage page = runs.find(query(ctx));
    return new Runs(page.runs().stream().map(RunSummary::of).toList(),
        new Pagination(page.total(), page.offset(), page.limit(), page.hasNext()));
  }

  private RunQuery query(Context ctx) {
    List<String> statuses = Params.list(ctx, "status");
    statuses.stream().filter(s -> !STATUSES.contains(s)).findFirst().ifPresent(s -> {
      throw ApiError.badRequest("status", "'" + s + "' is not one of " + String.join(", ", STATUSES));
    });
    RunQuery.Order order = switch (Params.oneOf(ctx, "orderBy", "startedAt", ORDERS)) {
      case "scheduledAt" -> RunQuery.Order.SCHEDULED;
      case "job" -> RunQuery.Order.JOB;
      case "status" -> RunQuery.Order.STATUS;
      default -> RunQuery.Order.STARTED;
    };
    boolean ascending = Params.oneOf(ctx, "orderDirection", "desc", List.of("asc", "desc")).equals("asc");
    return new RunQuery(Params.list(ctx, "job"), statuses, Params.text(ctx, "node"),
        Params.instant(ctx, "from"), Params.instant(ctx, "to"), order, ascending,
        Params.integer(ctx, "limit", 50, 1, 100), Params.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE));
  }

  private RunRecord run(Context ctx) {
    String text = ctx.pathParam("id");
    long id;
    try {
      id = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("id", "a run id is a number, found '" + text + "'");
    }
    return runs.get(id).orElseThrow(() -> ApiError.notFound("no run " + id));
  }
}
