package dev.chime.execution;

import dev.chime.config.Durations;
import dev.chime.config.JobPolicies;
import dev.chime.config.JobSpec;
import dev.chime.execution.Cancellation.Reason;
import dev.chime.execution.KindRunner.KindResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one fire of a job on the calling (Quartz worker) thread: records the start, runs the kind
 * under its timeout, records the outcome. Nothing a job does escapes as an exception: a failing
 * job is a {@code failed} record, never a stopped scheduler.
 */
public final class JobExecutor implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JobExecutor.class);

  private final String node;
  private final RunJournal journal;
  private final Clock clock;
  private final KindRunners kinds;
  private final Duration misfireThreshold;
  private final RunListener listener;
  private final Set<Cancellation> running = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timeouts =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "chime-timeouts");
            t.setDaemon(true);
            return t;
          });

  public JobExecutor(
      String node, RunJournal journal, Clock clock, KindRunners kinds, Duration misfireThreshold, RunListener listener) {
    this.listener = listener;
    this.node = node;
    this.journal = journal;
    this.clock = clock;
    this.kinds = kinds;
    this.misfireThreshold = misfireThreshold;
  }

  /** How late a fire may be and still count as on time (chime.cluster.misfire-threshold). */
  public Duration misfireThreshold() {
    return misfireThreshold;
  }

  /**
   * Runs one fire: unless {@code skip} or the overlap policy says not to, after the job's jitter,
   * under its timeout; files the next attempt with {@code retries} when the retry policy says so.
   */
  public void execute(JobSpec spec, Fire fire, Optional<String> skip, Retries retries) {
    Cancellation cancellation = new Cancellation();
    running.add(cancellation);
    try {
      Optional<String> reason = skip.or(() -> excluded(spec, fire)).or(() -> overlapping(spec, fire));
      if (reason.isPresent()) {
        journal.skip(new RunJournal.Skip(spec.name(), fire.scheduledAt(), clock.instant(), node, fire, reason.get()));
        listener.skipped(spec, fire, reason.get());
        log.info("job '{}' fire scheduled {} skipped: {}", spec.name(), fire.scheduledAt(), reason.get());
        return;
      }
      long delay = Jitter.await(jitterFor(spec, fire), cancellation);
      if (cancellation.isCancelled()) {
        return; // shut down during the jitter: the fire stays in the store for recovery
      }
      run(spec, fire, cancellation, delay, retries);
    } finally {
      running.remove(cancellation);
    }
  }

  private void run(JobSpec spec, Fire fire, Cancellation cancellation, long delay, Retries retries) {
    Instant startedAt = clock.instant();
    Map<String, String> parameters = parameters(spec, fire);
    RunJournal.Coverage coverage = new RunJournal.Coverage(journal.lastSuccess(spec.name()), fire.scheduledAt());
    RunJournal.Started started;
    try {
      started = journal.start(new RunJournal.Start(
          spec.name(), fire.scheduledAt(), startedAt, node, fire, parameters, Optional.of(coverage), delay));
    } catch (RunJournal.AlreadyRun e) {
      String reason = "this scheduled fire already ran on another node (this node held it while stalled)";
      journal.skip(new RunJournal.Skip(spec.name(), fire.scheduledAt(), clock.instant(), node, fire, reason));
      listener.skipped(spec, fire, reason);
      log.warn("job '{}' fire scheduled {} not run: {}", spec.name(), fire.scheduledAt(), reason);
      return;
    }
    RunContext context = new RunContext(
        started.runId(), spec.name(), fire.scheduledAt(), fire.firedAt(), fire.fireInstanceId(),
        started.attempt(), node, fire.recovering(), parameters, coverage.from(), coverage.to());
    listener.started(spec, context, fire);
    RunJournal.Result result = runUnderTimeout(spec, context, cancellation);
    journal.finish(started.runId(), result);
    Duration took = Duration.between(startedAt, result.endedAt());
    listener.finished(spec, context, result, took);
    logEnd(spec, context, result, took);
    retryIfDue(spec, fire, started.attempt(), result.outcome(), retries);
  }

  /** A scheduled fire outside the job's window or on an excluded date does not run (it is no misfire). */
  private static Optional<String> excluded(JobSpec spec, Fire fire) {
    boolean scheduled = fire.trigger() == RunTrigger.SCHEDULE || fire.trigger() == RunTrigger.CATCH_UP;
    JobPolicies.Window window = spec.policies().window();
    if (!scheduled || window.allows(fire.scheduledAt(), spec.timeZone())) {
      return Optional.empty();
    }
    java.time.LocalDate date = java.time.LocalDate.ofInstant(fire.scheduledAt(), spec.timeZone());
    return Optional.of(window.excludedDates().contains(date)
        ? "excluded date " + date + (window.calendars().isEmpty() ? "" : " (exclude-calendars " + window.calendars() + ")")
        : "outside the job's window");
  }

  /**
   * With overlap = forbid, a fire whose time fell inside a previous run is not run; with queue, a
   * fire that waited while a later one came due too gives way to it (one waits, not a backlog).
   */
  private Optional<String> overlapping(JobSpec spec, Fire fire) {
    boolean continuation = fire.trigger() == RunTrigger.RETRY || fire.trigger() == RunTrigger.RECOVERY;
    if (continuation) {
      return Optional.empty();
    }
    return switch (spec.policies().overlap()) {
      case FORBID -> journal.runningAt(spec.name(), fire.scheduledAt())
          .map(id -> "run " + id + " was still running at this fire's time (overlap = forbid)");
      case QUEUE -> CatchUp.superseded(spec, fire, clock.instant());
      case ALLOW -> Optional.empty();
    };
  }

  private static Duration jitterFor(JobSpec spec, Fire fire) {
    boolean scheduled = fire.trigger() == RunTrigger.SCHEDULE || fire.trigger() == RunTrigger.CATCH_UP;
    return scheduled ? spec.policies().jitter() : Duration.ZERO;
  }

  private void retryIfDue(JobSpec spec, Fire fire, int attempt, RunOutcome outcome, Retries retries) {
    JobPolicies.RetryPolicy retry = spec.policies().retry();
    if (attempt >= retry.attempts() || !retry.on().contains(outcome.id())) {
      return;
    }
    Duration wait = retry.backoffBefore(attempt + 1).plus(Jitter.random(retry.jitter()));
    try {
      retries.schedule(spec, fire, attempt + 1, clock.instant().plus(wait));
      listener.retryScheduled(spec, fire, attempt + 1);
      log.info("job '{}' fire scheduled {}: attempt {} of {} in {}", spec.name(), fire.scheduledAt(), attempt + 1,
          retry.attempts(), Durations.format(wait));
    } catch (RuntimeException e) {
      log.error("job '{}': could not schedule attempt {}: {}", spec.name(), attempt + 1, e.getMessage(), e);
    }
  }

  private static Map<String, String> parameters(JobSpec spec, Fire fire) {
    Map<String, String> parameters = new LinkedHashMap<>(spec.parameters());
    parameters.putAll(fire.parameters());
    return parameters;
  }

  /** Cancels every run in progress on this node (shutdown); each is recorded {@code interrupted}. */
  public void cancelAll() {
    cancelAll(Reason.SHUTDOWN);
  }

  /** Cancels every run in progress on this node, for {@code reason}. */
  public void cancelAll(Reason reason) {
    running.forEach(c -> c.cancel(reason));
  }

  /** Runs in progress on this node, from the start record to the end record. */
  public int runningCount() {
    return running.size();
  }

  private RunJournal.Result runUnderTimeout(JobSpec spec, RunContext context, Cancellation cancellation) {
    ScheduledFuture<?> timer =
        timeouts.schedule(
            () -> cancellation.cancel(Reason.TIMEOUT), spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
    try {
      KindResult kind = kinds.run(spec.kind(), context, spec.outputLimit(), cancellation);
      return toResult(kind, cancellation, spec.timeout());
    } catch (Exception e) {
      if (e instanceof InterruptedException && !cancellation.isCancelled()) {
        Thread.currentThread().interrupt();
      }
      String error = e.getMessage() != null ? e.getMessage() : e.toString();
      // A kind that gives up by throwing once cancelled still ends timed_out or interrupted.
      return toResult(KindResult.of(false, error, "", 0), cancellation, spec.timeout());
    } finally {
      timer.cancel(false);
    }
  }

  private RunJournal.Result toResult(KindResult kind, Cancellation cancellation, Duration timeout) {
    Optional<Reason> reason = cancellation.reason();
    RunOutcome outcome;
    String error = kind.message();
    if (reason.isPresent() && reason.get() == Reason.TIMEOUT) {
      outcome = RunOutcome.TIMED_OUT;
      error = "timed out after " + Durations.format(timeout) + "; cancelled";
    } else if (reason.isPresent()) {
      outcome = RunOutcome.INTERRUPTED;
      error = reason.get() == Reason.FENCED
          ? "cancelled: this node lost contact with the cluster (self-fencing); left for recovery"
          : "cancelled by node shutdown; left for recovery";
    } else {
      outcome = kind.success() ? RunOutcome.SUCCEEDED : RunOutcome.FAILED;
    }
    return new RunJournal.Result(
        outcome, clock.instant(), Optional.ofNullable(kind.exitCode()), Optional.ofNullable(kind.httpStatus()),
        Optional.ofNullable(kind.rowsAffected()), Optional.ofNullable(error), kind.output(), kind.outputBytes());
  }

  private void logEnd(JobSpec spec, RunContext context, RunJournal.Result result, Duration took) {
    String line = "job '{}' run {} (attempt {}, scheduled {}) {} in {} ms{}";
    Object[] args = {
      spec.name(), context.runId(), context.attempt(), context.scheduledFireTime(),
      result.outcome().id(), took.toMillis(), result.error().map(e -> ": " + e).orElse("")
    };
    if (result.outcome() == RunOutcome.SUCCEEDED) {
      log.info(line, args);
    } else {
      log.warn(line, args);
    }
  }

  @Override
  public void close() {
    timeouts.shutdownNow();
  }
}
