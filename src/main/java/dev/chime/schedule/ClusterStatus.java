package dev.chime.schedule;

import dev.chime.ChimeException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/**
 * The cluster as the store and this node's scheduler see it, for metrics: check-ins of the members,
 * chime's triggers and their states, the database's clock. {@link #read} costs a few queries on one
 * connection; callers cache it.
 */
public final class ClusterStatus {

  private static final String MEMBERS =
      "SELECT instance_name, last_checkin_time, checkin_interval FROM qrtz_scheduler_state WHERE sched_name = ?";
  private static final String TRIGGERS =
      "SELECT job_name, trigger_name, trigger_state, next_fire_time, start_time FROM qrtz_triggers "
          + "WHERE sched_name = ? AND trigger_group = ?";

  /** This node's scheduler: in standby (created, or stopping), running, or shut down. */
  public enum SchedulerState {
    STANDBY,
    RUNNING,
    SHUTDOWN;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A node that checks in: alive while {@code lastCheckIn + interval + 7.5 s} has not passed. */
  public record Member(String node, Instant lastCheckIn, long intervalMillis) {
    public boolean aliveAt(Instant now) {
      return !lastCheckIn.plusMillis(intervalMillis + ClusterScheduler.FAILED_MARGIN_MS).isBefore(now);
    }
  }

  /** One trigger in chime's group: the job's own ({@code name = job}) or a DST supplement. */
  public record TriggerRow(String job, String name, String state, Optional<Instant> nextFire, Instant start) {
    /** Quartz's stored state as normal, paused, blocked, error or complete. */
    public String stateGroup() {
      return switch (state) {
        case "PAUSED", "PAUSED_BLOCKED" -> "paused";
        case "BLOCKED" -> "blocked";
        case "ERROR" -> "error";
        case "COMPLETE", "DELETED" -> "complete";
        default -> "normal";
      };
    }
  }

  /**
   * What one {@link #read} saw. {@code clockSkew} is this node's clock minus the database's
   * ({@code clock_timestamp()}), measured at the middle of the query's round trip.
   */
  public record Snapshot(List<Member> members, List<TriggerRow> triggers, java.time.Duration clockSkew) {
    public Snapshot {
      members = List.copyOf(members);
      triggers = List.copyOf(triggers);
    }

    /** The job's own trigger (not a DST supplement), if it has one. */
    public Optional<TriggerRow> mainTrigger(String job) {
      return triggers.stream().filter(t -> t.name().equals(job) && t.job().equals(job)).findFirst();
    }

    /** The earliest next fire among the job's triggers that are not paused. */
    public Optional<Instant> nextFire(String job) {
      return triggers.stream().filter(t -> t.job().equals(job) && !t.stateGroup().equals("paused"))
          .flatMap(t -> t.nextFire().stream()).min(Instant::compareTo);
    }

    /** Triggers by {@link TriggerRow#stateGroup()}. */
    public Map<String, Long> triggersByState() {
      Map<String, Long> counts = new HashMap<>();
      triggers.forEach(t -> counts.merge(t.stateGroup(), 1L, Long::sum));
      return counts;
    }
  }

  private final Scheduler quartz;
  private final String instanceId;
  private final DataSource dataSource;

  ClusterStatus(Scheduler quartz, String instanceId, DataSource dataSource) {
    this.quartz = quartz;
    this.instanceId = instanceId;
    this.dataSource = dataSource;
  }

  /** This node's id, as it checks in. */
  public String node() {
    return instanceId;
  }

  /** This node's scheduler state; reads no database. */
  public SchedulerState schedulerState() {
    try {
      if (quartz.isShutdown()) {
        return SchedulerState.SHUTDOWN;
      }
      return quartz.isStarted() && !quartz.isInStandbyMode() ? SchedulerState.RUNNING : SchedulerState.STANDBY;
    } catch (SchedulerException e) {
      throw new ChimeException("cannot read the scheduler's state: " + e.getMessage(), e);
    }
  }

  /** Reads the members, chime's triggers and the skew of {@code clock} against the database's, on one connection. */
  public Snapshot read(java.time.Clock clock) {
    try (Connection c = dataSource.getConnection()) {
      String name = quartz.getSchedulerName();
      return new Snapshot(members(c, name), triggers(c, name), clockSkew(c, clock));
    } catch (SQLException | SchedulerException e) {
      throw new ChimeException("cannot read the cluster's state: " + e.getMessage(), e);
    }
  }

  /** The cluster's members, answered within {@code timeout} (a statement timeout: never hangs on a dead database). */
  public List<Member> members(java.time.Duration timeout) {
    try (Connection c = dataSource.getConnection()) {
      return members(c, quartz.getSchedulerName(), timeout);
    } catch (SQLException | SchedulerException e) {
      throw new ChimeException("cannot read the cluster's check-ins: " + e.getMessage(), e);
    }
  }

  /** This node's own check-in, if it has one, answered within {@code timeout}. */
  public Optional<Member> self(java.time.Duration timeout) {
    return members(timeout).stream().filter(m -> m.node().equals(instanceId)).findFirst();
  }

  /**
   * This node's {@code clock} minus the database's ({@code clock_timestamp()}, mid round trip), answered
   * within {@code timeout}: the reading behind {@code chime_clock_skew_seconds}, for readiness.
   */
  public java.time.Duration clockSkew(java.time.Clock clock, java.time.Duration timeout) {
    try (Connection c = dataSource.getConnection()) {
      return clockSkew(c, clock, timeout);
    } catch (SQLException e) {
      throw new ChimeException("cannot read the database's clock: " + e.getMessage(), e);
    }
  }

  /** {@code SELECT 1} within {@code timeout}; a {@link ChimeException} saying why when the database does not answer. */
  public void ping(java.time.Duration timeout) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT 1")) {
      s.setQueryTimeout(seconds(timeout));
      s.executeQuery().close();
    } catch (SQLException e) {
      throw new ChimeException("database did not answer SELECT 1: " + e.getMessage(), e);
    }
  }

  private static int seconds(java.time.Duration timeout) {
    return (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
  }

  private static List<Member> members(Connection c, String scheduler) throws SQLException {
    return members(c, scheduler, java.time.Duration.ZERO);
  }

  private static List<Member> members(Connection c, String scheduler, java.time.Duration timeout) throws SQLException {
    List<Member> members = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(MEMBERS)) {
      if (!timeout.isZero()) {
        s.setQueryTimeout(seconds(timeout));
      }
      s.setString(1, scheduler);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          members.add(new Member(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getLong(3)));
        }
      }
    }
    return members;
  }

  private static List<TriggerRow> triggers(Connection c, String scheduler) throws SQLException {
    List<TriggerRow> triggers = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(TRIGGERS)) {
      s.setString(1, scheduler);
      s.setString(2, ClusterScheduler.GROUP);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          long next = rs.getLong(4);
          Optional<Instant> nextFire = rs.wasNull() || next <= 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(next));
          triggers.add(new TriggerRow(rs.getString(1), rs.getString(2), rs.getString(3), nextFire,
              Instant.ofEpochMilli(rs.getLong(5))));
        }
      }
    }
    return triggers;
  }

  private static java.time.Duration clockSkew(Connection c, java.time.Clock clock) throws SQLException {
    return clockSkew(c, clock, java.time.Duration.ZERO);
  }

  private static java.time.Duration clockSkew(Connection c, java.time.Clock clock, java.time.Duration timeout)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT clock_timestamp()")) {
      if (!timeout.isZero()) {
        s.setQueryTimeout(seconds(timeout));
      }
      Instant before = clock.instant();
      try (ResultSet rs = s.executeQuery()) {
        Instant after = clock.instant();
        rs.next();
        Instant database = rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
        Instant middle = before.plus(java.time.Duration.between(before, after).dividedBy(2));
        return java.time.Duration.between(database, middle);
      }
    }
  }
}
