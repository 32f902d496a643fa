package dev.chime.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A node's whole configuration, loaded once from {@code chime { }} and immutable. {@code clockOffset}
 * ({@code chime.clock-offset}) shifts this node's clock, for tests and drills only.
 */
public record ChimeConfig(
    Path source,
    String nodeId,
    ZoneId timeZone,
    Path dataDir,
    Duration shutdownTimeout,
    DatabaseSettings database,
    int threads,
    ClusterSettings cluster,
    HttpJobSettings httpJobs,
    Map<String, DataSourceSettings> datasources,
    Path libDir,
    HistorySettings history,
    ManagementSettings management,
    AdminSettings admin,
    List<JobSpec> jobs,
    Duration clockOffset) {

  public ChimeConfig {
    datasources = Map.copyOf(datasources);
    jobs = List.copyOf(jobs);
  }

  public Optional<JobSpec> job(String name) {
    return jobs.stream().filter(j -> j.name().equals(name)).findFirst();
  }

  /**
   * A short hash of the job definitions (canonical JSON, in name order): equal on nodes that run the
   * same schedule, whatever their node settings. Exported so nodes with different configs stand out.
   */
  public String jobsHash() {
    String all = jobs.stream().sorted(java.util.Comparator.comparing(JobSpec::name))
        .map(JobSpecJson::hash).collect(java.util.stream.Collectors.joining(","));
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(all.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  /** The pool size in force: the configured one, or threads + 5 when it is 0. */
  public int poolSize() {
    return database.poolSize() > 0 ? database.poolSize() : threads + 5;
  }
}
