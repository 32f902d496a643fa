package dev.chime.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

/** {@code chime.job-defaults} plus {@code chime.time-zone}, the http connect timeout and the datasource names: what a job gets for what it leaves out. */
record JobDefaults(
    ZoneId timeZone, Duration timeout, long outputLimit, JobPolicies policies, Duration httpConnectTimeout,
    Set<String> datasources, java.util.Map<String, java.util.SortedSet<java.time.LocalDate>> calendars) {

  static JobDefaults read(
      Optional<Section> maybe, ZoneId zone, Duration httpConnectTimeout, Set<String> datasources,
      java.util.Map<String, java.util.SortedSet<java.time.LocalDate>> calendars) {
    Section section = maybe.orElseGet(() -> new Section(
        com.typesafe.config.ConfigFactory.empty().root(), "job-defaults", new java.util.ArrayList<>()));
    Duration timeout = ConfigLoader.positive(section, "timeout");
    long outputLimit = JobReader.outputLimit(section).orElse(65536L);
    JobPolicies policies = PolicyReader.read(section, Optional.empty());
    section.rejectUnknownKeys("timeout, output-limit, " + PolicyReader.KEYS);
    return new JobDefaults(zone, timeout, outputLimit, policies, httpConnectTimeout, Set.copyOf(datasources), calendars);
  }
}
