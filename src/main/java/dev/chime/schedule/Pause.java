package dev.chime.schedule;

import java.time.Instant;
import java.util.Optional;

/** Who paused a job, when, why, and until when (empty: until someone resumes it). */
public record Pause(String by, Instant at, Optional<String> reason, Optional<Instant> until) {}
