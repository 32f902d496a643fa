package dev.chime.schedule;

import dev.chime.ChimeException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/**
 * What a node's status and readiness report: this node's scheduler state, the cluster's members as
 * their Quartz check-ins show them ({@code qrtz_scheduler_state}), and a bounded database probe.
 * Every query runs under a statement timeout.
 */
public final class ClusterState {

  /** A node of the cluster and its last check-in; alive while Quartz would not yet declare it dead. */
  public record Member(String node, Instant lastCheckIn, Duration checkInInterval) {
    public boolean alive(Instant now) {
      Duration limit = checkInInterval.multipliedBy(2).plusMillis(ClusterScheduler.FAILED_MARGIN_MS);
      return !lastCheckIn.plus(limit).isBefore(now);
    }
  }

  private static final String MEMBERS =
      "SELECT instance_name, last_checkin_time, checkin_interval FROM qrtz_scheduler_state WHERE sched_name = ? "
          + "ORDER BY instance_name";

  private final ClusterScheduler scheduler;
  private final DataSource dataSource;

  public ClusterState(ClusterScheduler scheduler, DataSource dataSource) {
    this.scheduler = scheduler;
    this.dataSource = dataSource;
  }

  /** {@code running} (acquiring fires), {@code standby}, or {@code shutdown}. */
  public String schedulerState() {
    Scheduler quartz = scheduler.quartz();
    try {
      if (quartz.isShutdown()) {
        return "shutdown";
      }
      return quartz.isInStandbyMode() || !quartz.isStarted() ? "standby" : "running";
    } catch (SchedulerException e) {
      throw new ChimeException("cannot read the scheduler's state: " + e.getMessage(), e);
    }
  }

  /** Whether this node acquires fires now. */
  public boolean acquiring() {
    return schedulerState().equals("running");
  }

  /** The cluster's members, by node id, answered within {@code timeout}. */
  public List<Member> members(Duration timeout) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(MEMBERS)) {
      s.setQueryTimeout(seconds(timeout));
      s.setString(1, scheduler.quartz().getSchedulerName());
      List<Member> members = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          members.add(new Member(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), Duration.ofMillis(rs.getLong(3))));
        }
      }
      return members;
    } catch (SQLException | SchedulerException e) {
      throw new ChimeException("cannot read the cluster's check-ins: " + e.getMessage(), e);
    }
  }

  /** This node's own check-in, if it has one. */
  public Optional<Member> self(Duration timeout) {
    return members(timeout).stream().filter(m -> m.node().equals(scheduler.instanceId())).findFirst();
  }

  /** {@code SELECT 1} within {@code timeout}; a {@link ChimeException} saying why when the database does not answer. */
  public void ping(Duration timeout) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT 1")) {
      s.setQueryTimeout(seconds(timeout));
      s.executeQuery().close();
    } catch (SQLException e) {
      throw new ChimeException("database did not answer SELECT 1: " + e.getMessage(), e);
    }
  }

  private static int seconds(Duration timeout) {
    return (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
  }
}
