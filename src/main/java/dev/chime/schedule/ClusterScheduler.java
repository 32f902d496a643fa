package dev.chime.schedule;

import dev.chime.ChimeException;
import dev.chime.config.ChimeConfig;
import dev.chime.execution.ChimeJob;
import dev.chime.execution.ConcurrentChimeJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.DBConnectionManager;

/**
 * This node's Quartz scheduler on the shared clustered store. Created in standby: nothing fires
 * until {@link #start()}. A scheduler that is never started (the CLI's) only reads and writes the
 * store; it never checks in, acquires fires or recovers anyone's work.
 */
public final class ClusterScheduler {

  /** chime's Quartz group: reconcile creates, changes and deletes jobs only in here. */
  public static final String GROUP = "chime";

  /** Quartz's fixed margin before it declares a node that stopped checking in dead. */
  static final long FAILED_MARGIN_MS = 7500;

  private final Scheduler quartz;
  private final String instanceId;
  private final DataSource dataSource;

  private ClusterScheduler(Scheduler quartz, String instanceId, DataSource dataSource) {
    this.quartz = quartz;
    this.instanceId = instanceId;
    this.dataSource = dataSource;
  }

  /**
   * A scheduler for {@code instanceId} (the node id; unique per running node). With the node's
   * executor and purger it can run jobs once started; without them it is a store client only.
   */
  public static ClusterScheduler create(
      ChimeConfig config, DataSource dataSource, String instanceId, Optional<NodeWork> work) {
    String providerName = "chime-" + instanceId;
    DBConnectionManager.getInstance()
        .addConnectionProvider(providerName, new PoolConnectionProvider(dataSource));
    try {
      StdSchedulerFactory factory =
          new StdSchedulerFactory(QuartzProperties.of(config, instanceId, providerName));
      Scheduler quartz = factory.getScheduler();
      // Quartz keeps one scheduler per name per JVM in a static repository; chime owns each
      // scheduler's lifecycle itself, and several nodes of one cluster may share a JVM (tests).
      SchedulerRepository.getInstance().remove(quartz.getSchedulerName());
      work.ifPresent(w -> setJobFactory(quartz, w, instanceId));
      return new ClusterScheduler(quartz, instanceId, dataSource);
    } catch (SchedulerException e) {
      throw new ChimeException("cannot create the Quartz scheduler: " + e.getMessage(), e);
    }
  }

  private static void setJobFactory(Scheduler quartz, NodeWork work, String node) {
    try {
      quartz.setJobFactory((bundle, scheduler) -> {
        Class<? extends org.quartz.Job> type = bundle.getJobDetail().getJobClass();
        if (type == HistoryPurgeJob.class) {
          return new HistoryPurgeJob(work.purger(), node);
        }
        if (type == ConcurrentChimeJob.class) {
          return new ConcurrentChimeJob(work.executor());
        }
        if (type == ChimeJob.class) {
          return new ChimeJob(work.executor());
        }
        try {
          return type.getDeclaredConstructor().newInstance(); // system jobs with a public no-arg constructor
        } catch (ReflectiveOperationException e) {
          throw new org.quartz.SchedulerException("cannot create job " + type.getName() + ": " + e, e);
        }
      });
    } catch (SchedulerException e) {
      throw new ChimeException("cannot install chime's job factory: " + e.getMessage(), e);
    }
  }

  public Scheduler quartz() {
    return quartz;
  }

  public String instanceId() {
    return instanceId;
  }

  /** Reads the cluster's state (members, triggers, the database's clock) for metrics. */
  public ClusterStatus status() {
    return new ClusterStatus(quartz, instanceId, dataSource);
  }

  /**
   * Reports to {@code listener} each misfire Quartz finds among chime's jobs ({@link
   * dev.chime.execution.RunListener#misfired}). Call it before {@link #start()}.
   */
  public void reportMisfiresTo(dev.chime.execution.RunListener listener) {
    call(() -> quartz.getListenerManager().addTriggerListener(new MisfireListener(listener)),
        "add the misfire listener to");
  }

  /** chime's jobs as the store holds them, with their triggers' state. */
  public java.util.List<JobView> jobs() {
    return new JobCatalog(quartz).views();
  }

  /**
   * Refuses to join when a live node already checks in under this node's id: two nodes sharing an
   * id would each take the other's running work for its own restarted work. A recent check-in may
   * also be this node's own previous life; it is told apart by watching whether it moves.
   */
  public void ensureIdUnused() {
    Optional<long[]> seen = checkIn();
    if (seen.isEmpty()) {
      return;
    }
    long lastCheckIn = seen.get()[0];
    long interval = seen.get()[1];
    if (System.currentTimeMillis() - lastCheckIn > 2 * interval + FAILED_MARGIN_MS) {
      return;
    }
    try {
      Thread.sleep(interval + 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    Optional<long[]> again = checkIn();
    if (again.isPresent() && again.get()[0] != lastCheckIn) {
      throw new ChimeException("node id '" + instanceId + "' is in use by another running node of this cluster "
          + "(its check-ins continue); give each node its own chime.node-id / CHIME_NODE_ID");
    }
  }

  private Optional<long[]> checkIn() {
    String sql = "SELECT last_checkin_time, checkin_interval FROM qrtz_scheduler_state WHERE sched_name = ? AND instance_name = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, quartz.getSchedulerName());
      s.setString(2, instanceId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(new long[] {rs.getLong(1), rs.getLong(2)}) : Optional.empty();
      }
    } catch (SQLException | SchedulerException e) {
      throw new ChimeException("cannot read the cluster's check-ins: " + e.getMessage(), e);
    }
  }

  /** Joins the cluster: checks in, recovers dead nodes' work, starts acquiring fires. */
  public void start() {
    call(quartz::start, "start");
  }

  /** Stops acquiring fires; runs in progress carry on. */
  public void standby() {
    call(quartz::standby, "put in standby");
  }

  /**
   * Fires this node holds in the store: acquired but not started, or executing and not yet marked
   * complete. After {@link #standby()} Quartz's scheduler thread releases acquired ones — or, in a
   * narrow race, fires them, and a fired one is EXECUTING before its job reaches the executor.
   * Shutting the store down while any is held would leave it for recovery: an acquired one late, a
   * completed one run again. So a stop waits for none.
   */
  public int heldFires() {
    String sql = "SELECT count(*) FROM qrtz_fired_triggers WHERE sched_name = ? AND instance_name = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, quartz.getSchedulerName());
      s.setString(2, instanceId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException | SchedulerException e) {
      throw new ChimeException("cannot count this node's acquired fires: " + e.getMessage(), e);
    }
  }

  /**
   * After {@link #shutdown()}: hands back the fires this node had acquired but not started, so they
   * fire on time elsewhere instead of waiting until another node declares this one dead. Quartz's
   * scheduler thread can acquire a fire between the last check and its halt; this is what Quartz's
   * own cluster recovery does with such a row (trigger back to WAITING, fired-trigger row deleted),
   * under its TRIGGER_ACCESS lock. Fires already executing are left for recovery.
   */
  public int releaseAcquired() {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        String name = quartz.getSchedulerName();
        lockTriggers(c, name);
        int released = release(c, name);
        c.commit();
        return released;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException | SchedulerException e) {
      throw new ChimeException("cannot hand back this node's acquired fires: " + e.getMessage(), e);
    }
  }

  private static void lockTriggers(Connection c, String scheduler) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT lock_name FROM qrtz_locks WHERE sched_name = ? AND lock_name = 'TRIGGER_ACCESS' FOR UPDATE")) {
      s.setString(1, scheduler);
      s.executeQuery().close();
    }
  }

  private int release(Connection c, String scheduler) throws SQLException {
    try (PreparedStatement waiting = c.prepareStatement(
            "UPDATE qrtz_triggers t SET trigger_state = 'WAITING' FROM qrtz_fired_triggers f "
                + "WHERE f.sched_name = ? AND f.instance_name = ? AND f.state = 'ACQUIRED' AND t.sched_name = f.sched_name "
                + "AND t.trigger_name = f.trigger_name AND t.trigger_group = f.trigger_group AND t.trigger_state = 'ACQUIRED'");
        PreparedStatement delete = c.prepareStatement(
            "DELETE FROM qrtz_fired_triggers WHERE sched_name = ? AND instance_name = ? AND state = 'ACQUIRED'")) {
      waiting.setString(1, scheduler);
      waiting.setString(2, instanceId);
      waiting.executeUpdate();
      delete.setString(1, scheduler);
      delete.setString(2, instanceId);
      return delete.executeUpdate();
    }
  }

  /** Shuts down without waiting: runs still going stay in the store for recovery. */
  public void shutdown() {
    call(() -> quartz.shutdown(false), "shut down");
  }

  private interface QuartzCall {
    void run() throws SchedulerException;
  }

  private static void call(QuartzCall call, String what) {
    try {
      call.run();
    } catch (SchedulerException e) {
      throw new ChimeException("cannot " + what + " the scheduler: " + e.getMessage(), e);
    }
  }
}
