package dev.chime.cli;

import dev.chime.config.ChimeConfig;
import dev.chime.history.AuditLog;
import dev.chime.schedule.ClusterScheduler;
import dev.chime.schedule.JobControl;
import dev.chime.store.Store;
import java.time.Clock;
import java.util.Optional;

/**
 * An operator command's view of the store: the database and a Quartz scheduler that is never
 * started, so it reads and writes the store without joining the cluster or running anything.
 */
final class StoreClient implements AutoCloseable {

  final Store store;
  final ClusterScheduler scheduler;
  private final String cluster;

  private StoreClient(Store store, ClusterScheduler scheduler, String cluster) {
    this.store = store;
    this.scheduler = scheduler;
    this.cluster = cluster;
  }

  static StoreClient open(ChimeConfig config) {
    String instance = "cli-" + ProcessHandle.current().pid() + "-" + config.nodeId();
    Store store = Store.open(config, "cli");
    try {
      return new StoreClient(store, ClusterScheduler.create(config, store.dataSource(), instance, Optional.empty()),
          config.cluster().name());
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** The operator controls on this store. */
  JobControl control() {
    return new JobControl(scheduler, store.dataSource(), Clock.systemUTC());
  }

  /** The cluster's audit log, where mutating commands record themselves. */
  AuditLog audit() {
    return new AuditLog(store.dataSource(), cluster, Clock.systemUTC());
  }

  @Override
  public void close() {
    scheduler.shutdown();
    store.close();
  }
}
