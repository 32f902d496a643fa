package dev.chime.schedule;

import dev.chime.schedule.ControlException.Kind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import javax.sql.DataSource;
import org.quartz.JobDataMap;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * One-off runs: a one-shot Quartz trigger in group {@code chime-oneoff} named by the request id, and
 * its row in {@code chime_one_off}. Cancelling unschedules the trigger; a fire that already began
 * (its fired-trigger row is executing, or its run is recorded) cannot be cancelled.
 */
final class OneOffs {

  private static final String EXECUTING =
      "SELECT count(*) FROM qrtz_fired_triggers WHERE sched_name = ? AND trigger_group = ? AND trigger_name = ? AND state = 'EXECUTING'";

  private final Scheduler quartz;
  private final OneOffStore store;
  private final DataSource dataSource;

  OneOffs(Scheduler quartz, OneOffStore store, DataSource dataSource) {
    this.quartz = quartz;
    this.store = store;
    this.dataSource = dataSource;
  }

  void schedule(OneOff oneOff, JobDataMap data) throws SchedulerException {
    Trigger trigger = TriggerBuilder.newTrigger()
        .withIdentity(oneOff.id(), JobControl.ONE_OFF_GROUP)
        .forJob(oneOff.job(), ClusterScheduler.GROUP)
        .usingJobData(data)
        .startAt(Date.from(oneOff.runAt()))
        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
        .build();
    quartz.scheduleJob(trigger);
    try {
      store.insert(oneOff);
    } catch (RuntimeException e) {
      quartz.unscheduleJob(trigger.getKey());
      throw e;
    }
  }

  /** Cancels a pending one-off run; returns it as it now stands, and whether it was cancelled before. */
  JobControl.Cancelled cancel(String id, String by, Instant now) throws SchedulerException {
    OneOff before = store.get(id).orElseThrow(
        () -> new ControlException(Kind.NOT_FOUND, "no one-off run '" + id + "' (see 'chime scheduled')"));
    if (before.status().equals(OneOff.CANCELLED)) {
      return new JobControl.Cancelled(before, true);
    }
    if (before.status().equals(OneOff.FIRED) || executing(id)) {
      throw alreadyFired(id);
    }
    boolean removed = quartz.unscheduleJob(TriggerKey.triggerKey(id, JobControl.ONE_OFF_GROUP));
    if (!removed || executing(id) || store.get(id).flatMap(OneOff::runId).isPresent()) {
      throw alreadyFired(id);
    }
    store.cancel(id, by, now);
    return new JobControl.Cancelled(store.get(id).orElseThrow(), false);
  }

  private ControlException alreadyFired(String id) {
    Optional<Long> run = store.get(id).flatMap(OneOff::runId);
    return new ControlException(Kind.CONFLICT, "one-off run " + id + " already fired"
        + run.map(r -> " as run " + r).orElse(" (its run is not recorded yet; see 'chime history')"));
  }

  private boolean executing(String id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(EXECUTING)) {
      s.setString(1, quartz.getSchedulerName());
      s.setString(2, JobControl.ONE_OFF_GROUP);
      s.setString(3, id);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    } catch (SQLException | SchedulerException e) {
      throw new dev.chime.ChimeException("cannot read the fired triggers: " + e.getMessage(), e);
    }
  }
}
