package dev.chime.cli;

import dev.chime.config.ChimeConfig;
import dev.chime.schedule.Plan;
import dev.chime.schedule.Plan.ChangeType;
import dev.chime.schedule.Reconciler;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code chime reload}: apply a config file's jobs to the cluster's store now. */
@Command(
    name = "reload",
    mixinStandardHelpOptions = true,
    description = {
      "Validate the config file and reconcile its jobs into the cluster's store now, as a node does when its",
      "file changes or it gets SIGHUP: every node runs the store's definitions, so the whole cluster follows.",
      "Node settings (database, ports, threads, ...) change only when a node restarts. Audited.",
      "Exit 0 applied (or nothing to change), 2 invalid config (nothing applied), 3 database unreachable."
    })
final class ReloadCommand implements Callable<Integer> {

  @Mixin ConfigOption config;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ChimeConfig loaded = config.load();
    try (StoreClient client = StoreClient.open(loaded)) {
      Plan plan = client.audit().run(CliAudit.call("reload", "config", loaded.source().toString()),
          () -> new Reconciler(client.scheduler, client.store.dataSource()).reconcile(loaded.jobs()));
      spec.commandLine().getOut().printf("reloaded %s: %d added, %d changed, %d removed, %d unchanged (jobs hash %s)%n",
          loaded.source(), plan.ofType(ChangeType.ADDED).size(), plan.ofType(ChangeType.CHANGED).size(),
          plan.ofType(ChangeType.REMOVED).size(), plan.ofType(ChangeType.UNCHANGED).size(), loaded.jobsHash());
    }
    return 0;
  }
}
