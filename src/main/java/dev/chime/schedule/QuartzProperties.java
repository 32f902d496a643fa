package dev.chime.schedule;

import dev.chime.config.ChimeConfig;
import dev.chime.config.ClusterSettings;
import java.util.Properties;

/** chime's settings as Quartz properties: a clustered JobStoreTX on PostgreSQL, strings only. */
final class QuartzProperties {

  private QuartzProperties() {}

  static Properties of(ChimeConfig config, String instanceId, String dataSourceName) {
    ClusterSettings cluster = config.cluster();
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", cluster.name());
    p.setProperty("org.quartz.scheduler.instanceId", instanceId);
    p.setProperty("org.quartz.scheduler.threadName", "chime-scheduler");
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.scheduler.idleWaitTime", millis(cluster.idleWait()));
    p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", Integer.toString(cluster.batchSize()));
    p.setProperty(
        "org.quartz.scheduler.batchTriggerAcquisitionFireAheadTimeWindow", millis(cluster.batchWindow()));
    p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
    p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(config.threads()));
    p.setProperty("org.quartz.threadPool.threadNamePrefix", "chime-worker");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
    p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
    p.setProperty("org.quartz.jobStore.isClustered", "true");
    p.setProperty("org.quartz.jobStore.clusterCheckinInterval", millis(cluster.checkInInterval()));
    p.setProperty("org.quartz.jobStore.misfireThreshold", millis(cluster.misfireThreshold()));
    p.setProperty("org.quartz.jobStore.dbRetryInterval", millis(cluster.checkInInterval()));
    p.setProperty("org.quartz.jobStore.useProperties", "true");
    p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    return p;
  }

  private static String millis(java.time.Duration d) {
    return Long.toString(d.toMillis());
  }
}
