package dev.chime.config;

import java.util.ArrayList;
import java.util.List;

/** The effective configuration as log lines, secrets masked: the first thing a bug report needs. */
public final class ConfigSummary {

  private ConfigSummary() {}

  public static List<String> lines(ChimeConfig c) {
    DatabaseSettings db = c.database();
    ClusterSettings cl = c.cluster();
    List<String> lines = new ArrayList<>();
    lines.add("config file: " + c.source());
    lines.add("node-id: " + c.nodeId() + ", cluster: " + cl.name() + ", time-zone: " + c.timeZone());
    lines.add("database: " + db.url().map(JdbcUrls::mask).orElse("embedded PostgreSQL under " + c.dataDir())
        + ", user: " + db.user() + ", password: " + (db.password().isEmpty() ? "(none)" : "****")
        + ", pool: " + c.poolSize() + ", connect-timeout: " + Durations.format(db.connectTimeout()));
    lines.add("scheduler: threads " + c.threads() + ", shutdown-timeout " + Durations.format(c.shutdownTimeout()));
    lines.add("cluster timings: check-in-interval " + Durations.format(cl.checkInInterval())
        + ", misfire-threshold " + Durations.format(cl.misfireThreshold())
        + ", idle-wait " + Durations.format(cl.idleWait()) + ", batch-size " + cl.batchSize()
        + ", batch-window " + Durations.format(cl.batchWindow())
        + ", max-clock-skew " + Durations.format(cl.maxClockSkew()));
    if (!c.clockOffset().isZero()) {
      lines.add("clock-offset: " + Durations.format(c.clockOffset()) + " (tests and drills only: this node's clock is shifted)");
    }
    lines.add("jobs in file: " + c.jobs().size());
    return lines;
  }
}
