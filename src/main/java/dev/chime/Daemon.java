package dev.chime;

import dev.chime.config.ChimeConfig;
import dev.chime.config.ConfigLoader;
import dev.chime.config.ConfigSummary;
import dev.chime.config.ConfigWatcher;
import dev.chime.config.InvalidConfigException;
import dev.chime.schedule.Fence;
import dev.chime.schedule.ReloadResult;
import dev.chime.execution.Cancellation;
import dev.chime.config.Durations;
import dev.chime.config.CommandSpec;
import dev.chime.config.HttpSpec;
import dev.chime.config.JavaSpec;
import dev.chime.config.SqlSpec;
import dev.chime.execution.JobExecutor;
import dev.chime.execution.KindRunners;
import dev.chime.execution.RunListener;
import dev.chime.execution.command.CommandKind;
import dev.chime.execution.http.HostPolicy;
import dev.chime.execution.http.HttpKind;
import dev.chime.execution.java.JavaKind;
import dev.chime.execution.java.TaskClassLoader;
import dev.chime.execution.sql.DataSources;
import dev.chime.execution.sql.SqlKind;
import dev.chime.history.AuditLog;
import dev.chime.history.RunPurger;
import dev.chime.http.HttpSurface;
import dev.chime.http.NodeServices;
import dev.chime.schedule.JobControl;
import dev.chime.history.RunRepository;
import dev.chime.metrics.ChimeMetrics;
import dev.chime.schedule.ClusterScheduler;
import dev.chime.schedule.JobView;
import dev.chime.schedule.NodeWork;
import dev.chime.schedule.SystemJobs;
import dev.chime.schedule.Plan;
import dev.chime.schedule.Reconciler;
import dev.chime.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node: wiring only. Starts the store, the executor and the scheduler in that order,
 * reconciles the config into the store, then joins the cluster; stops in reverse order.
 */
public final class Daemon {

  private static final Logger log = LoggerFactory.getLogger(Daemon.class);
  private static final Duration RECORD_GRACE = Duration.ofSeconds(5);

  private volatile ChimeConfig config;
  private volatile Optional<ConfigWatcher> watcher = Optional.empty();
  private volatile Optional<Fence> fence = Optional.empty();
  private final Store store;
  private final DataSources dataSources;
  private final JobExecutor executor;
  private final ClusterScheduler scheduler;
  private final ChimeMetrics metrics;
  private final HttpSurface http;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);

  private Daemon(
      ChimeConfig config, Store store, DataSources dataSources, JobExecutor executor, ClusterScheduler scheduler,
      ChimeMetrics metrics, HttpSurface http) {
    this.config = config;
    this.metrics = metrics;
    this.http = http;
    this.store = store;
    this.dataSources = dataSources;
    this.executor = executor;
    this.scheduler = scheduler;
  }

  /** Starts a node; throws a {@link ChimeException} saying why when it cannot. */
  public static Daemon start(ChimeConfig config, Clock clock) {
    return start(config, clock, List.of());
  }

  /** Starts a node whose java jobs may also load classes from {@code classpath}. */
  public static Daemon start(ChimeConfig config, Clock clock, List<Path> classpath) {
    ConfigSummary.lines(config).forEach(line -> log.info("Effective configuration: {}", line));
    warnAboutInsecureJobs(config);
    ChimeMetrics metrics = ChimeMetrics.create(config, clock);
    Store store;
    try {
      store = Store.open(config, "node " + config.nodeId(), Optional.of(metrics.poolMetrics()));
    } catch (RuntimeException e) {
      metrics.close();
      throw e;
    }
    DataSources dataSources = new DataSources(store.dataSource(), config.datasources());
    KindRunners kinds = kindRunners(config, dataSources, classpath);
    String cluster = config.cluster().name();
    JobExecutor executor = new JobExecutor(config.nodeId(), new RunRepository(store.dataSource(), cluster), clock, kinds,
        config.cluster().misfireThreshold(), RunListener.all(List.of(metrics.listener())));
    RunPurger purger = new RunPurger(store.dataSource(), cluster, config.history().retention(),
        config.history().purgeBatchSize(), clock);
    ClusterScheduler scheduler = null;
    AtomicBoolean configApplied = new AtomicBoolean();
    java.util.concurrent.atomic.AtomicReference<Daemon> started = new java.util.concurrent.atomic.AtomicReference<>();
    try {
      scheduler = ClusterScheduler.create(
          config, store.dataSource(), config.nodeId(), Optional.of(new NodeWork(executor, purger)));
      scheduler.reportMisfiresTo(metrics.listener());
      logPlan(reconcile(scheduler, store, config, metrics));
      configApplied.set(true);
      SystemJobs.install(scheduler, store.dataSource(), config.history());
      scheduler.ensureIdUnused();
      scheduler.start();
      metrics.observe(scheduler, store.dataSource());
      HttpSurface http = HttpSurface.start(config, new NodeServices(scheduler,
          new JobControl(scheduler, store.dataSource(), clock), new RunRepository(store.dataSource(), cluster),
          new AuditLog(store.dataSource(), cluster, clock), store.dataSource(),
          metrics::scrape, metrics.contentType(), configApplied::get, () -> started.get().reload("api"), clock));
      Daemon daemon = new Daemon(config, store, dataSources, executor, scheduler, metrics, http);
      started.set(daemon);
      daemon.watchConfigFile();
      daemon.fence = Optional.of(new Fence(scheduler, config.cluster().checkInInterval(),
          () -> executor.cancelAll(Cancellation.Reason.FENCED), clock).start());
      daemon.logJobs();
      log.info("Node {} running in cluster '{}' on {}", config.nodeId(), config.cluster().name(), store.describe());
      return daemon;
    } catch (RuntimeException e) {
      if (scheduler != null) {
        scheduler.shutdown();
      }
      metrics.close();
      executor.close();
      dataSources.close();
      store.close();
      throw e;
    }
  }

  /** Reloads when the config file's content changes on disk (an edit, a ConfigMap update). */
  private void watchConfigFile() {
    try {
      watcher = Optional.of(ConfigWatcher.start(config.source(), () -> reload("file change")));
    } catch (java.io.IOException e) {
      log.warn("Not watching {} for changes ({}); reload with SIGHUP, chime reload or POST /api/v1/reload",
          config.source(), e.getMessage());
    }
  }

  /**
   * Re-reads this node's config file. Valid: reconciles its jobs into the store (the cluster follows,
   * since nodes run the store's definitions) and adopts it; settings that only a restart changes are
   * named. Invalid: keeps the running schedule, logs every problem with its origin, counts a failed
   * reload. Serialised: one reload at a time on a node.
   */
  public synchronized ReloadResult reload(String cause) {
    ChimeConfig next;
    try {
      next = ConfigLoader.load(config.source());
    } catch (InvalidConfigException e) {
      log.error("Config reload ({}) refused; the running schedule is kept. {}", cause, e.getMessage());
      metrics.reloaded(ChimeMetrics.RECONCILE_FAILED);
      return ReloadResult.refused(e.problems().stream().map(Object::toString).toList());
    }
    List<String> needRestart = dev.chime.config.NodeSettings.changed(config, next);
    needRestart.forEach(s -> log.warn("Config reload ({}): {} changed; it takes effect when this node restarts", cause, s));
    Plan plan = reconcile(scheduler, store, next, metrics);
    metrics.reconfigure(next);
    config = next;
    metrics.reloaded(ChimeMetrics.RECONCILE_SUCCEEDED);
    logPlan(plan);
    log.info("Config reload ({}) applied; jobs hash {}", cause, next.jobsHash());
    return ReloadResult.applied(plan, needRestart);
  }

  /** The runner for each job kind on this node. */
  private static KindRunners kindRunners(ChimeConfig config, DataSources dataSources, List<Path> classpath) {
    return new KindRunners()
        .with(CommandSpec.class, new CommandKind())
        .with(HttpSpec.class, new HttpKind(new HostPolicy(config.httpJobs().allowedHosts())))
        .with(SqlSpec.class, new SqlKind(dataSources))
        .with(JavaSpec.class, new JavaKind(TaskClassLoader.of(config.libDir(), classpath)));
  }

  private static Plan reconcile(ClusterScheduler scheduler, Store store, ChimeConfig config, ChimeMetrics metrics) {
    try {
      Plan plan = new Reconciler(scheduler, store.dataSource()).reconcile(config.jobs());
      metrics.reconciled(ChimeMetrics.RECONCILE_SUCCEEDED);
      return plan;
    } catch (RuntimeException e) {
      metrics.reconciled(ChimeMetrics.RECONCILE_FAILED);
      throw e;
    }
  }

  private static void warnAboutInsecureJobs(ChimeConfig config) {
    config.jobs().stream()
        .filter(j -> j.kind() instanceof HttpSpec http && http.insecure())
        .forEach(j -> log.warn("Job '{}' has http.insecure = true: its TLS certificates are NOT verified", j.name()));
  }

  private static void logPlan(Plan plan) {
    log.info("Reconciled config into the store: {} added, {} changed, {} removed, {} unchanged",
        plan.ofType(Plan.ChangeType.ADDED).size(), plan.ofType(Plan.ChangeType.CHANGED).size(),
        plan.ofType(Plan.ChangeType.REMOVED).size(), plan.ofType(Plan.ChangeType.UNCHANGED).size());
  }

  private void logJobs() {
    DateTimeFormatter format = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    for (JobView job : scheduler.jobs()) {
      String next = job.nextFireTime()
          .map(t -> t.atZone(java.time.ZoneId.of(job.timeZone())).format(format) + " " + job.timeZone())
          .orElse("none");
      log.info("Job '{}': cron '{}', {}, next fire {}", job.name(), job.cron(), job.state(), next);
    }
  }

  public ClusterScheduler scheduler() {
    return scheduler;
  }

  /** This node's metrics: what the management listener serves at /metrics. */
  public HttpSurface http() {
    return http;
  }

  public ChimeMetrics metrics() {
    return metrics;
  }

  public Store store() {
    return store;
  }

  public ChimeConfig config() {
    return config;
  }

  /**
   * Graceful stop: no new fires; running jobs get {@code shutdown-timeout} to finish; those still
   * running are cancelled, recorded {@code interrupted} and left in the store for recovery.
   */
  public void stop() {
    if (!stopping.compareAndSet(false, true)) {
      awaitStopped();
      return;
    }
    try {
      watcher.ifPresent(ConfigWatcher::close);
      fence.ifPresent(Fence::close);
      http.close();
      scheduler.standby();
      int running = executor.runningCount();
      if (running > 0) {
        log.info("Stopping: no new fires; waiting up to {} for {} running job(s)", Durations.format(config.shutdownTimeout()), running);
      }
      if (!waitUntil(this::quiet, config.shutdownTimeout())) {
        log.warn("Stopping: {} job(s) still running after shutdown-timeout {}; cancelling them and leaving their fires for recovery",
            executor.runningCount(), Durations.format(config.shutdownTimeout()));
      }
      scheduler.shutdown();
      releaseAcquiredFires();
      executor.cancelAll();
      waitUntil(() -> executor.runningCount() == 0, RECORD_GRACE);
    } finally {
      metrics.close();
      executor.close();
      dataSources.close();
      store.close();
      log.info("Node {} stopped", config.nodeId());
      stopped.countDown();
    }
  }

  private void releaseAcquiredFires() {
    try {
      int released = scheduler.releaseAcquired();
      if (released > 0) {
        log.info("Stopping: handed back {} fire(s) this node had acquired but not started", released);
      }
    } catch (ChimeException e) {
      log.warn("Stopping: {}; another node takes them over once it declares this one dead", e.getMessage());
    }
  }

  /** Nothing running here, and no fire held in the store (acquired, or executing but not complete). */
  private boolean quiet() {
    try {
      return executor.runningCount() == 0 && scheduler.heldFires() == 0;
    } catch (ChimeException e) {
      log.warn("Stopping: {}", e.getMessage());
      return executor.runningCount() == 0;
    }
  }

  private static boolean waitUntil(BooleanSupplier condition, Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  public void awaitStopped() {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
