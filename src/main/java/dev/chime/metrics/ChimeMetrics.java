package dev.chime.metrics;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.chime.config.ChimeConfig;
import dev.chime.config.JobSpec;
import dev.chime.execution.RunListener;
import dev.chime.history.LastRuns;
import dev.chime.schedule.ClusterScheduler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * A node's metrics, in Prometheus form: the run events ({@link #listener()}), reconciles, the
 * store's view of the cluster and the jobs (read every {@link #REFRESH_INTERVAL} by one thread, never
 * per scrape), the connection pool and the JVM. Every per-job meter exists at zero from the start,
 * for every configured job and only those.
 *
 * <p>Wiring, in this order: {@link #create}; {@link #poolMetrics()} to the store before its pool
 * starts; {@link #listener()} to the executor and {@code scheduler.reportMisfiresTo}; {@link
 * #reconciled}; {@link #observe} once the scheduler exists; {@link #close()} before the store closes.
 */
public final class ChimeMetrics implements AutoCloseable {

  /** How often the store-backed gauges are read. */
  public static final Duration REFRESH_INTERVAL = Duration.ofSeconds(5);
  /** {@link #reconciled} outcomes, registered at zero. */
  public static final String RECONCILE_SUCCEEDED = "succeeded";
  public static final String RECONCILE_FAILED = "failed";
  /** What {@link #scrape()} returns: the Prometheus text format 0.0.4. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private volatile ChimeConfig config;
  private volatile Gauge configInfo;
  private final Clock clock;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, JobMeters> jobs = new java.util.concurrent.ConcurrentHashMap<>();
  private final RunListener listener;
  private final JvmMeters jvm = new JvmMeters();
  private volatile Optional<StoreGauges> store = Optional.empty();
  private volatile Optional<ScheduledExecutorService> refresher = Optional.empty();

  private ChimeMetrics(ChimeConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    JvmMeters.filter(registry);
    config.jobs().forEach(spec -> jobs.put(spec.name(), new JobMeters(spec.name(), registry)));
    this.listener = new RunMetrics(jobs, clock);
  }

  /** The registry with the node's own, per-job and JVM meters; nothing reads the store yet. */
  public static ChimeMetrics create(ChimeConfig config, Clock clock) {
    ChimeMetrics metrics = new ChimeMetrics(config, clock);
    metrics.registerNodeMeters();
    return metrics;
  }

  private void registerNodeMeters() {
    jvm.bindTo(registry);
    String version = Optional.ofNullable(ChimeMetrics.class.getPackage().getImplementationVersion()).orElse("development");
    Gauge.builder(MeterNames.BUILD_INFO, () -> 1).tag(MeterNames.VERSION, version)
        .description("Always 1; the version of chime this node runs").register(registry);
    configInfo = configInfo(config);
    reconcileCounter(RECONCILE_SUCCEEDED);
    reconcileCounter(RECONCILE_FAILED);
    reloadCounter(RECONCILE_SUCCEEDED);
    reloadCounter(RECONCILE_FAILED);
  }

  private Counter reloadCounter(String outcome) {
    return Counter.builder(MeterNames.RELOADS).tag(MeterNames.OUTCOME, outcome)
        .description("Config reloads on this node, by outcome (failed: the new file was invalid; the running schedule was kept)")
        .register(registry);
  }

  /** Counts a config reload: {@link #RECONCILE_SUCCEEDED} or {@link #RECONCILE_FAILED}. */
  public void reloaded(String outcome) {
    reloadCounter(outcome).increment();
  }

  private Gauge configInfo(ChimeConfig config) {
    return Gauge.builder(MeterNames.CONFIG_INFO, () -> 1).tag(MeterNames.HASH, config.jobsHash())
        .description("Always 1; the hash of this node's job definitions (differs across nodes: different configs)")
        .register(registry);
  }

  /**
   * After a hot reload: meters for the jobs the new config adds (those it drops keep their last
   * values until restart, so a scrape never loses a series mid-way), the new config hash, and the
   * store-backed gauges over the new job list.
   */
  public synchronized void reconfigure(ChimeConfig next) {
    next.jobs().forEach(spec -> jobs.computeIfAbsent(spec.name(), name -> new JobMeters(name, registry)));
    if (!next.jobsHash().equals(config.jobsHash())) {
      registry.remove(configInfo);
      configInfo = configInfo(next);
    }
    config = next;
    store.ifPresent(gauges -> gauges.specs(next.jobs()));
  }

  private Counter reconcileCounter(String outcome) {
    return Counter.builder(MeterNames.RECONCILES).tag(MeterNames.OUTCOME, outcome)
        .description("Reconciles of the config into the store by this node, by outcome").register(registry);
  }

  /** HikariCP's tracker for chime's pool ({@code hikaricp_*} meters); give it before the pool starts. */
  public MetricsTrackerFactory poolMetrics() {
    return new MicrometerMetricsTrackerFactory(registry);
  }

  /** The run events' meters; also the target of the scheduler's misfire reports. */
  public RunListener listener() {
    return listener;
  }

  /** Counts a reconcile: {@link #RECONCILE_SUCCEEDED} or {@link #RECONCILE_FAILED}. */
  public void reconciled(String outcome) {
    reconcileCounter(outcome).increment();
  }

  /**
   * Starts the store-backed gauges: reads the store once now, then every {@link #REFRESH_INTERVAL}
   * on the {@code chime-metrics} thread.
   */
  public synchronized void observe(ClusterScheduler scheduler, DataSource dataSource) {
    if (store.isPresent()) {
      throw new IllegalStateException("metrics already observe a scheduler");
    }
    StoreGauges gauges = new StoreGauges(scheduler.status(), new LastRuns(dataSource, config.cluster().name()),
        config.jobs(), jobs, clock, registry);
    store = Optional.of(gauges);
    gauges.refresh();
    ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "chime-metrics");
      t.setDaemon(true);
      return t;
    });
    long every = REFRESH_INTERVAL.toMillis();
    thread.scheduleWithFixedDelay(gauges::refresh, every, every, TimeUnit.MILLISECONDS);
    refresher = Optional.of(thread);
  }

  /** Reads the store now rather than at the next interval (tests; after an operator's change). */
  public void refreshNow() {
    store.ifPresent(StoreGauges::refresh);
  }

  /** The Prometheus text exposition (format 0.0.4) of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  /** The content type of {@link #scrape()}. */
  public String contentType() {
    return CONTENT_TYPE;
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The configured jobs' names, in config order: the values the {@code job} tag takes. */
  public java.util.List<String> jobs() {
    return config.jobs().stream().map(JobSpec::name).toList();
  }

  /** Stops the refresh thread; the registry keeps its last values. */
  @Override
  public void close() {
    refresher.ifPresent(ScheduledExecutorService::shutdownNow);
    jvm.close();
  }
}
