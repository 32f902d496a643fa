package dev.chime.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chime.config.ChimeConfig;
import dev.chime.schedule.Plan.ChangeType;
import dev.chime.schedule.Plan.FieldChange;
import dev.chime.store.Store;
import dev.chime.testing.TestConfigs;
import dev.chime.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobBuilder;
import org.quartz.Trigger.TriggerState;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;

class ReconcilerTest {

  private static final String HOURLY = "hourly { cron = \"0 0 * * * ?\", command.args = [\"true\"] }";
  private static final String DAILY = "daily { cron = \"@daily\", command.args = [\"true\"] }";

  @TempDir Path dir;
  private final TestDatabase db = TestDatabase.create();
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private Reconciler reconciler(ChimeConfig config) {
    Store store = Store.open(config, "test");
    ClusterScheduler scheduler = ClusterScheduler.create(config, store.dataSource(), "test-" + open.size(), Optional.empty());
    open.add(store);
    open.add(0, scheduler::shutdown);
    schedulers.add(scheduler);
    return new Reconciler(scheduler, store.dataSource());
  }

  private final List<ClusterScheduler> schedulers = new ArrayList<>();

  private ChimeConfig config(String jobs) {
    return TestConfigs.node(dir, db, "n1", jobs);
  }

  private long startTime(String job) {
    return db.count("SELECT start_time FROM qrtz_triggers WHERE trigger_name = '" + job + "'");
  }

  @Test
  void createsJobsAndTriggersWithDefinitionsAsText() {
    Plan plan = reconciler(config(HOURLY + "\n" + DAILY)).reconcile(config(HOURLY + "\n" + DAILY).jobs());

    assertThat(plan.ofType(ChangeType.ADDED)).hasSize(2);
    assertThat(db.query("SELECT job_name, job_group, requests_recovery, is_durable FROM qrtz_job_details ORDER BY job_name"))
        .containsExactly(List.of("daily", "chime", true, true), List.of("hourly", "chime", true, true));
    assertThat(db.query("SELECT c.cron_expression, c.time_zone_id FROM qrtz_cron_triggers c ORDER BY trigger_name"))
        .containsExactly(List.of("0 0 0 * * ?", "UTC"), List.of("0 0 * * * ?", "UTC"));
    byte[] data = (byte[]) db.query("SELECT job_data FROM qrtz_job_details WHERE job_name = 'hourly'").get(0).get(0);
    String text = new String(data, java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(data[0]).as("not a Java-serialised blob").isNotEqualTo((byte) 0xAC);
    assertThat(text).contains("chime.spec=").contains("\"cron\"");
  }

  @Test
  void unchangedJobKeepsItsTriggerAndPausedState() throws Exception {
    Reconciler reconciler = reconciler(config(HOURLY));
    reconciler.reconcile(config(HOURLY).jobs());
    long start = startTime("hourly");
    schedulers.get(0).quartz().pauseTrigger(TriggerKey.triggerKey("hourly", "chime"));

    Plan plan = reconciler.reconcile(config(HOURLY).jobs());

    assertThat(plan.isEmpty()).isTrue();
    assertThat(startTime("hourly")).isEqualTo(start);
    assertThat(schedulers.get(0).quartz().getTriggerState(TriggerKey.triggerKey("hourly", "chime")))
        .isEqualTo(TriggerState.PAUSED);
  }

  @Test
  void changedCommandUpdatesTheJobButKeepsTheTrigger() {
    Reconciler reconciler = reconciler(config(HOURLY));
    reconciler.reconcile(config(HOURLY).jobs());
    long start = startTime("hourly");

    String changed = "hourly { cron = \"0 0 * * * ?\", command.args = [\"false\"] }";
    Plan plan = reconciler.reconcile(config(changed).jobs());

    assertThat(plan.ofType(ChangeType.CHANGED)).singleElement().satisfies(c -> {
      assertThat(c.fields()).containsExactly(new FieldChange("kind.args", "[\"true\"]", "[\"false\"]"));
      assertThat(c.scheduleChanged()).isFalse();
    });
    assertThat(startTime("hourly")).isEqualTo(start);
    assertThat(reconciler.plan(config(changed).jobs()).isEmpty()).isTrue();
  }

  @Test
  void changedCronReschedulesAndKeepsAnOperatorsPause() throws Exception {
    Reconciler reconciler = reconciler(config(HOURLY));
    reconciler.reconcile(config(HOURLY).jobs());
    TriggerKey key = TriggerKey.triggerKey("hourly", "chime");
    schedulers.get(0).quartz().pauseTrigger(key);

    Plan plan = reconciler.reconcile(config("hourly { cron = \"0 30 * * * ?\", command.args = [\"true\"] }").jobs());

    assertThat(plan.ofType(ChangeType.CHANGED)).singleElement()
        .satisfies(c -> assertThat(c.fields()).containsExactly(new FieldChange("cron", "0 0 * * * ?", "0 30 * * * ?")));
    assertThat(db.query("SELECT cron_expression FROM qrtz_cron_triggers")).containsExactly(List.of("0 30 * * * ?"));
    assertThat(schedulers.get(0).quartz().getTriggerState(key)).isEqualTo(TriggerState.PAUSED);
  }

  @Test
  void removedJobIsDeletedButOtherGroupsAreLeftAlone() throws Exception {
    Reconciler reconciler = reconciler(config(HOURLY + "\n" + DAILY));
    reconciler.reconcile(config(HOURLY + "\n" + DAILY).jobs());
    schedulers.get(0).quartz().addJob(
        JobBuilder.newJob(dev.chime.execution.ChimeJob.class).withIdentity("foreign", "someone-else").storeDurably().build(), false);

    Plan plan = reconciler.reconcile(config(HOURLY).jobs());

    assertThat(plan.ofType(ChangeType.REMOVED)).extracting(Plan.JobChange::name).containsExactly("daily");
    assertThat(db.query("SELECT job_name FROM qrtz_job_details ORDER BY job_name"))
        .containsExactly(List.of("foreign"), List.of("hourly"));
    assertThat(db.count("SELECT count(*) FROM qrtz_triggers")).isEqualTo(1);
  }

  @Test
  void disabledJobIsStoredWithoutATriggerAndEnablingSchedulesIt() throws Exception {
    Reconciler reconciler = reconciler(config(HOURLY));
    String disabled = "hourly { cron = \"0 0 * * * ?\", enabled = false, command.args = [\"true\"] }";
    reconciler.reconcile(config(disabled).jobs());
    assertThat(db.count("SELECT count(*) FROM qrtz_job_details")).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM qrtz_triggers")).isZero();
    assertThat(schedulers.get(0).jobs()).extracting(JobView::state).containsExactly("disabled");

    reconciler.reconcile(config(HOURLY).jobs());
    assertThat(schedulers.get(0).jobs()).extracting(JobView::state).containsExactly("normal");
  }

  @Test
  void threeNodesReconcilingTogetherOnAnEmptyDatabaseEndWithOneJobAndTriggerEach() throws Exception {
    List<ChimeConfig> configs = List.of(
        TestConfigs.node(dir, db, "a", HOURLY + "\n" + DAILY),
        TestConfigs.node(dir, db, "b", HOURLY + "\n" + DAILY),
        TestConfigs.node(dir, db, "c", HOURLY + "\n" + DAILY));
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<Future<Plan>> plans = new ArrayList<>();
    for (ChimeConfig config : configs) {
      plans.add(pool.submit(() -> {
        go.await();
        Reconciler reconciler;
        synchronized (this) {
          reconciler = reconciler(config);
        }
        return reconciler.reconcile(config.jobs());
      }));
    }
    go.countDown();
    int added = 0;
    for (Future<Plan> plan : plans) {
      added += plan.get().ofType(ChangeType.ADDED).size();
    }
    pool.shutdown();

    assertThat(added).isEqualTo(2);
    assertThat(db.query("SELECT job_name, count(*) FROM qrtz_triggers GROUP BY job_name ORDER BY job_name"))
        .containsExactly(List.of("daily", 1L), List.of("hourly", 1L));
    assertThat(db.count("SELECT count(*) FROM qrtz_job_details")).isEqualTo(2);
    assertThat(db.query("SELECT lock_name FROM qrtz_locks WHERE sched_name = 'chime' ORDER BY lock_name"))
        .containsExactly(List.of("STATE_ACCESS"), List.of("TRIGGER_ACCESS"));
    assertThat(db.count("SELECT count(*) FROM chime_schema_history WHERE success")).isGreaterThanOrEqualTo(2);
    assertThat(schedulers.get(0).quartz().getJobKeys(GroupMatcher.anyJobGroup())).hasSize(2);
  }
}
