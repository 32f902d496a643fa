package dev.chime.http;

import dev.chime.history.AuditLog;
import dev.chime.schedule.ClusterScheduler;
import dev.chime.schedule.ClusterStatus;
import dev.chime.schedule.JobControl;
import dev.chime.schedule.ReloadResult;
import dev.chime.schedule.JobView;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** {@code /status}, {@code /node/standby|start} and {@code /audit}: this node, its cluster, the audit log. */
final class NodeRoutes {

  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

  /** A cluster member as its Quartz check-ins show it. */
  record Member(String node, Instant lastCheckIn, long checkInIntervalMs, boolean alive, boolean self) {}

  /** How many jobs the store holds, in all and by state. */
  record JobCounts(int total, Map<String, Long> byState) {}

  /** This node and its cluster. */
  record Status(String node, String cluster, String schedulerState, String configHash, JobCounts jobs,
      List<Member> members) {}

  /** A page of the audit log, newest first. */
  record Audit(List<AuditLog.Entry> entries, Pagination pagination) {}

  private final ClusterScheduler scheduler;
  private final ClusterStatus cluster;
  private final JobControl control;
  private final AuditLog audit;
  private final Clock clock;
  private final String clusterName;
  private final String configHash;
  private final java.util.function.Supplier<dev.chime.schedule.ReloadResult> reload;

  NodeRoutes(NodeServices services, ClusterStatus cluster, String clusterName, String configHash) {
    this.scheduler = services.scheduler();
    this.reload = services.reload();
    this.cluster = cluster;
    this.control = services.control();
    this.audit = services.audit();
    this.clock = services.clock();
    this.clusterName = clusterName;
    this.configHash = configHash;
  }

  void register(Api api) {
    api.read("/status", ctx -> status());
    api.read("/audit", this::audit);
    api.mutation(HandlerType.POST, "/node/standby", "standby", (ctx, body) -> standby(body, true));
    api.mutation(HandlerType.POST, "/node/start", "start", (ctx, body) -> standby(body, false));
    api.mutation(HandlerType.POST, "/reload", "reload", (ctx, body) -> reload(body));
  }

  private Status status() {
    Instant now = clock.instant();
    List<Member> members = cluster.members(QUERY_TIMEOUT).stream()
        .map(m -> new Member(m.node(), m.lastCheckIn(), m.intervalMillis(), m.aliveAt(now),
            m.node().equals(scheduler.instanceId())))
        .toList();
    List<JobView> jobs = control.jobs();
    Map<String, Long> byState = jobs.stream()
        .collect(Collectors.groupingBy(JobView::state, TreeMap::new, Collectors.counting()));
    return new Status(scheduler.instanceId(), clusterName, cluster.schedulerState().id(), configHash,
        new JobCounts(jobs.size(), byState), members);
  }

  /** Re-reads this node's config file; 422 with every problem when it is invalid (nothing applied). */
  private ReloadResult reload(Body body) {
    body.allowOnly();
    ReloadResult result = reload.get();
    if (!result.applied()) {
      throw new ApiError(422, "INVALID_CONFIG", "the config file is invalid; the running schedule is kept: "
          + String.join("; ", result.problems()), java.util.Optional.empty());
    }
    return result;
  }

  /** This node stops (or resumes) acquiring fires; the rest of the cluster carries on. */
  private Map<String, String> standby(Body body, boolean standby) {
    body.allowOnly();
    if (standby) {
      scheduler.standby();
    } else {
      scheduler.start();
    }
    return Map.of("node", scheduler.instanceId(), "schedulerState", cluster.schedulerState().id());
  }

  private Audit audit(Context ctx) {
    AuditLog.Page page = audit.page(Params.integer(ctx, "limit", 50, 1, 100),
        Params.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE));
    return new Audit(page.entries(), new Pagination(page.total(), page.offset(), page.limit(), page.hasNext()));
  }
}
