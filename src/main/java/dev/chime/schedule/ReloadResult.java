package dev.chime.schedule;

import java.util.List;

/**
 * How a config reload went: applied (with what reconcile changed, and the node settings that need a
 * restart to change), or refused with every problem of the new file, the running schedule kept.
 */
public record ReloadResult(boolean applied, List<String> problems, int added, int changed, int removed,
    List<String> needRestart) {

  public ReloadResult {
    problems = List.copyOf(problems);
    needRestart = List.copyOf(needRestart);
  }

  public static ReloadResult refused(List<String> problems) {
    return new ReloadResult(false, problems, 0, 0, 0, List.of());
  }

  public static ReloadResult applied(Plan plan, List<String> needRestart) {
    return new ReloadResult(true, List.of(), plan.ofType(Plan.ChangeType.ADDED).size(),
        plan.ofType(Plan.ChangeType.CHANGED).size(), plan.ofType(Plan.ChangeType.REMOVED).size(), needRestart);
  }
}
