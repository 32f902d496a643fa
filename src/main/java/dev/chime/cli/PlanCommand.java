package dev.chime.cli;

import dev.chime.config.ChimeConfig;
import dev.chime.config.JobSpec;
import dev.chime.schedule.FireTimes;
import dev.chime.schedule.Plan;
import dev.chime.schedule.Plan.ChangeType;
import dev.chime.schedule.Plan.JobChange;
import dev.chime.schedule.Reconciler;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code chime plan}: what {@code run} would change in the store, changing nothing. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Compare the config with the store and print what 'run' would change: jobs added, changed",
      "(field by field, with the next fire times before and after), removed and unchanged.",
      "Exit 0 when nothing would change, 1 when something would."
    })
final class PlanCommand implements Callable<Integer> {

  private static final int FIRE_TIMES = 3;

  @Mixin ConfigOption config;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ChimeConfig loaded = config.load();
    try (StoreClient client = StoreClient.open(loaded)) {
      Plan plan = new Reconciler(client.scheduler, client.store.dataSource()).plan(loaded.jobs());
      print(plan, spec.commandLine().getOut());
      return plan.isEmpty() ? 0 : Main.CHANGES_PENDING;
    }
  }

  private static void print(Plan plan, PrintWriter out) {
    Instant now = Instant.now();
    for (JobChange change : plan.changes()) {
      switch (change.type()) {
        case ADDED -> out.printf("+ %s (added)%n    next: %s%n", change.name(), fires(change.after(), now));
        case REMOVED -> out.printf("- %s (removed)%n", change.name());
        case CHANGED -> printChanged(change, out, now);
        case UNCHANGED -> out.printf("  %s (unchanged)%n", change.name());
      }
    }
    out.printf("%nPlan: %d to add, %d to change, %d to remove, %d unchanged.%n",
        plan.ofType(ChangeType.ADDED).size(), plan.ofType(ChangeType.CHANGED).size(),
        plan.ofType(ChangeType.REMOVED).size(), plan.ofType(ChangeType.UNCHANGED).size());
  }

  private static void printChanged(JobChange change, PrintWriter out, Instant now) {
    out.printf("~ %s (changed)%n", change.name());
    if (change.before().isEmpty()) {
      out.printf("    (the stored definition is unreadable; it will be replaced)%n");
    }
    change.fields().forEach(f -> out.printf("    %s: %s -> %s%n", f.field(), show(f.before()), show(f.after())));
    if (change.scheduleChanged()) {
      out.printf("    next before: %s%n    next after:  %s%n", fires(change.before(), now), fires(change.after(), now));
    }
  }

  private static String show(String value) {
    return value == null ? "(absent)" : "'" + value + "'";
  }

  private static String fires(Optional<JobSpec> job, Instant now) {
    if (job.isEmpty()) {
      return "-";
    }
    if (!job.get().enabled()) {
      return "(disabled)";
    }
    return FireTimes.next(job.get(), now, FIRE_TIMES).stream()
        .map(t -> Times.inZone(t, job.get().timeZone()))
        .collect(Collectors.joining(", "));
  }
}
