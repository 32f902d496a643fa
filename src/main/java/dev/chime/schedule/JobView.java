package dev.chime.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * A job as the store holds it, with its trigger's state: what {@code chime jobs} shows. {@code pause}
 * is who paused it, why and until when, for a job in state {@code paused} paused by {@code chime pause}.
 */
public record JobView(
    String name,
    String cron,
    String timeZone,
    String kind,
    String state,
    Optional<Instant> nextFireTime,
    Optional<Instant> previousFireTime,
    Optional<String> description,
    Optional<Pause> pause) {}
