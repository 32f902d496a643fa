package dev.chime.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** The settings a running node cannot change without a restart: a reload names the ones that changed. */
public final class NodeSettings {

  private NodeSettings() {}

  /** The restart-only settings that differ between {@code running} and {@code next}. */
  public static List<String> changed(ChimeConfig running, ChimeConfig next) {
    List<String> changed = new ArrayList<>();
    check(changed, "chime.node-id", running, next, ChimeConfig::nodeId);
    check(changed, "chime.database", running, next, ChimeConfig::database);
    check(changed, "chime.data-dir", running, next, ChimeConfig::dataDir);
    check(changed, "chime.scheduler.threads", running, next, ChimeConfig::threads);
    check(changed, "chime.cluster", running, next, ChimeConfig::cluster);
    check(changed, "chime.management", running, next, ChimeConfig::management);
    check(changed, "chime.admin", running, next, ChimeConfig::admin);
    check(changed, "chime.http-jobs", running, next, ChimeConfig::httpJobs);
    check(changed, "chime.datasources", running, next, ChimeConfig::datasources);
    check(changed, "chime.java-jobs.lib-dir", running, next, ChimeConfig::libDir);
    check(changed, "chime.history", running, next, ChimeConfig::history);
    check(changed, "chime.shutdown-timeout", running, next, ChimeConfig::shutdownTimeout);
    return changed;
  }

  private static void check(List<String> changed, String name, ChimeConfig a, ChimeConfig b,
      Function<ChimeConfig, Object> setting) {
    if (!Objects.equals(setting.apply(a), setting.apply(b))) {
      changed.add(name);
    }
  }
}
