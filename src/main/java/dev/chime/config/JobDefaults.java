package dev.chime.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/** {@code chime.job-defaults} plus {@code chime.time-zone}: what a job gets for what it leaves out. */
record JobDefaults(ZoneId timeZone, Duration timeout, long outputLimit) {

  static JobDefaults read(Optional<Section> maybe, ZoneId zone) {
    if (maybe.isEmpty()) {
      return new JobDefaults(zone, Duration.ofHours(1), 65536);
    }
    Section section = maybe.get();
    Duration timeout = ConfigLoader.positive(section, "timeout");
    long outputLimit = JobReader.outputLimit(section).orElse(0L);
    section.rejectUnknownKeys("timeout, output-limit");
    return new JobDefaults(zone, timeout, outputLimit);
  }
}
