package dev.chime.schedule;

import java.time.Instant;
import java.util.Optional;

/** A job as the store holds it, with its trigger's state: what {@code chime jobs} shows. */
public record JobView(
    String name,
    String cron,
    String timeZone,
    String kind,
    String state,
    Optional<Instant> nextFireTime,
    Optional<Instant> previousFireTime,
    Optional<String> description) {}
