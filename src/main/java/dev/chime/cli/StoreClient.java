package dev.chime.cli;

import dev.chime.config.ChimeConfig;
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

  private StoreClient(Store store, ClusterScheduler scheduler) {
    this.store = store;
    this.scheduler = scheduler;
  }

  static StoreClient open(ChimeConfig config) {
    String instance = "cli-" + ProcessHandle.current().pid() + "-" + config.nodeId();
    Store store = Store.open(config, "cli");
    try {
      return new StoreClient(store, ClusterScheduler.create(config, store.dataSource(), instance, Optional.empty()));
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** The operator controls on this store. */
  JobControl control() {
    return new JobControl(scheduler, store.dataSource(), Clock.systemUTC());
  }

  @Override
  public void close() {
    scheduler.shutdown();
    store.close();
  }
}
