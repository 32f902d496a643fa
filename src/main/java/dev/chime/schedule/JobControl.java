package dev.chime.schedule;

import dev.chime.ChimeException;
import dev.chime.config.JobSpec;
import dev.chime.config.JobSpecJson;
import dev.chime.execution.ChimeJob;
import dev.chime.history.RunRecord;
import dev.chime.history.RunRepository;
import dev.chime.schedule.ControlException.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.quartz.JobDataMap;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/**
 * Operator controls on the clustered store, for the CLI now and an HTTP API later: pause and resume
 * (cluster-wide, persisted, optionally until an instant), run now, one-off runs at a chosen time, and
 * a job's coming fires with what DST does to them. Requests that cannot be honoured throw a
 * {@link ControlException} saying why; everything else a store failure ({@link ChimeException}).
 */
public final class JobControl {

  /** Quartz group of one-off runs' triggers; each is named by its request id. */
  public static final String ONE_OFF_GROUP = "chime-oneoff";

  /** What a pause or resume did to one job. */
  public enum Outcome {
    PAUSED, UPDATED, RESUMED, NOT_PAUSED, DISABLED
  }

  /** One job's outcome. */
  public record JobOutcome(String job, Outcome outcome) {}

  /** A cancelled one-off run; {@code before}: it had been cancelled already. */
  public record Cancelled(OneOff oneOff, boolean before) {}

  private final Scheduler quartz;
  private final Clock clock;
  private final Pauses pauses;
  private final PauseStore pauseStore;
  private final OneOffs oneOffs;
  private final OneOffStore oneOffStore;
  private final RunRepository runs;

  public JobControl(ClusterScheduler scheduler, DataSource dataSource, Clock clock) {
    this.quartz = scheduler.quartz();
    this.clock = clock;
    String cluster = call(quartz::getSchedulerName, "read the cluster name");
    this.pauseStore = new PauseStore(dataSource, cluster);
    this.pauses = new Pauses(quartz, pauseStore);
    this.oneOffStore = new OneOffStore(dataSource, cluster);
    this.oneOffs = new OneOffs(quartz, oneOffStore, dataSource);
    this.runs = new RunRepository(dataSource, cluster);
  }

  /** chime's jobs as the store holds them, a paused job with its pause record. */
  public List<JobView> jobs() {
    return new JobCatalog(quartz).views(pauseStore.all());
  }

  /** The job's definition as the store holds it; an unknown job is refused. */
  public JobSpec definition(String job) {
    return spec(job);
  }

  /** Pauses one job; a disabled job (no trigger) is refused. */
  public JobOutcome pause(String job, String by, Optional<String> reason, Optional<Instant> until) {
    spec(job);
    Pause pause = pauseOf(by, reason, until);
    Outcome outcome = call(() -> pauses.pause(job, pause), "pause job '" + job + "'");
    if (outcome == Outcome.DISABLED) {
      throw new ControlException(Kind.CONFLICT, "job '" + job + "' is disabled (enabled = false): it has no trigger to pause");
    }
    return new JobOutcome(job, outcome);
  }

  /** Pauses every job that has a trigger now; disabled jobs are reported, not paused. */
  public List<JobOutcome> pauseAll(String by, Optional<String> reason, Optional<Instant> until) {
    Pause pause = pauseOf(by, reason, until);
    List<JobOutcome> outcomes = new ArrayList<>();
    for (String job : new JobCatalog(quartz).stored().keySet()) {
      outcomes.add(new JobOutcome(job, call(() -> pauses.pause(job, pause), "pause job '" + job + "'")));
    }
    return outcomes;
  }

  /** Resumes one job and drops its pause record and pending expiry; NOT_PAUSED when it was not. */
  public JobOutcome resume(String job) {
    spec(job);
    return new JobOutcome(job, call(() -> pauses.resume(job), "resume job '" + job + "'"));
  }

  public List<JobOutcome> resumeAll() {
    List<JobOutcome> outcomes = new ArrayList<>();
    for (String job : new JobCatalog(quartz).stored().keySet()) {
      outcomes.add(new JobOutcome(job, call(() -> pauses.resume(job), "resume job '" + job + "'")));
    }
    return outcomes;
  }

  /** Fires {@code job} now with these parameter overrides; returns the request id. */
  public String trigger(String job, String by, Map<String, String> parameters) {
    checkParameters(spec(job), parameters);
    String requestId = UUID.randomUUID().toString();
    JobDataMap data = requestData("manual", by, requestId, parameters);
    call(() -> {
      quartz.triggerJob(JobKey.jobKey(job, ClusterScheduler.GROUP), data);
      return null;
    }, "trigger job '" + job + "'");
    return requestId;
  }

  /** The run a request became, waiting up to {@code wait} for a node to start it. */
  public Optional<RunRecord> awaitRun(String requestId, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    Optional<RunRecord> run = runs.byRequestId(requestId);
    while (run.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      run = runs.byRequestId(requestId);
    }
    return run;
  }

  /** Schedules a one-off run of {@code job} at {@code at}; returns it, pending. */
  public OneOff schedule(String job, Instant at, String by, Map<String, String> parameters) {
    checkParameters(spec(job), parameters);
    checkFuture(at, "a one-off run at");
    String id = UUID.randomUUID().toString();
    OneOff oneOff = new OneOff(id, job, at, parameters, by, clock.instant(), OneOff.PENDING,
        Optional.empty(), Optional.empty(), Optional.empty());
    call(() -> {
      oneOffs.schedule(oneOff, requestData("one-off", by, id, parameters));
      return null;
    }, "schedule a one-off run of job '" + job + "'");
    return oneOff;
  }

  /** One-off runs, soonest first, optionally of one job and in one status. */
  public List<OneOff> oneOffs(Optional<String> job, Optional<String> status) {
    return oneOffStore.list(job, status);
  }

  /** Cancels a pending one-off run; one that already fired is refused. */
  public Cancelled cancel(String id, String by) {
    return call(() -> oneOffs.cancel(id, by, clock.instant()), "cancel one-off run " + id);
  }

  /** The job's next {@code count} fires after {@code from}, with what DST does to them. */
  public FireForecast.Forecast next(String job, Instant from, int count) {
    return FireForecast.forecast(spec(job), from, count);
  }

  private Pause pauseOf(String by, Optional<String> reason, Optional<Instant> until) {
    until.ifPresent(u -> checkFuture(u, "a pause until"));
    return new Pause(by, clock.instant(), reason.filter(r -> !r.isBlank()), until);
  }

  private void checkFuture(Instant at, String what) {
    Instant now = clock.instant();
    if (!at.isAfter(now)) {
      throw new ControlException(Kind.INVALID, what + " " + at + " is in the past (now " + now + "); give a future instant");
    }
  }

  /** The job's stored definition; an unknown job is refused with the jobs the store has. */
  private JobSpec spec(String job) {
    Map<String, JobCatalog.Stored> stored = new JobCatalog(quartz).stored();
    JobCatalog.Stored found = stored.get(job);
    if (found == null) {
      throw new ControlException(Kind.INVALID, "unknown job '" + job + "'; jobs in the store: "
          + (stored.isEmpty() ? "(none)" : String.join(", ", stored.keySet())));
    }
    return found.spec().orElseThrow(() -> new ChimeException(
        "job '" + job + "': its stored definition is unreadable; restart a node with the current config to rewrite it"));
  }

  private static void checkParameters(JobSpec spec, Map<String, String> parameters) {
    TreeSet<String> unknown = new TreeSet<>(parameters.keySet());
    unknown.removeAll(spec.parameters().keySet());
    if (!unknown.isEmpty()) {
      String declared = spec.parameters().isEmpty() ? "it declares none"
          : "it declares: " + String.join(", ", new TreeSet<>(spec.parameters().keySet()));
      throw new ControlException(Kind.INVALID, "job '" + spec.name() + "' has no parameter "
          + String.join(", ", unknown.stream().map(p -> "'" + p + "'").toList()) + "; " + declared);
    }
  }

  private static JobDataMap requestData(String trigger, String by, String requestId, Map<String, String> parameters) {
    JobDataMap data = new JobDataMap();
    data.put(ChimeJob.TRIGGER, trigger);
    data.put(ChimeJob.BY, by);
    data.put(ChimeJob.REQUEST_ID, requestId);
    data.put(ChimeJob.PARAMS, JobSpecJson.parametersToJson(parameters));
    return data;
  }

  private interface QuartzCall<T> {
    T run() throws SchedulerException;
  }

  private static <T> T call(QuartzCall<T> call, String what) {
    try {
      return call.run();
    } catch (SchedulerException e) {
      throw new ChimeException("cannot " + what + ": " + e.getMessage(), e);
    }
  }
}
