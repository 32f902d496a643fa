package dev.chime.config;

import java.time.Duration;

/** {@code chime.cluster}: the Quartz cluster timings; reference.conf says why each default. */
public record ClusterSettings(
    String name,
    Duration checkInInterval,
    Duration misfireThreshold,
    Duration idleWait,
    int batchSize,
    Duration batchWindow) {}
