package dev.chime.config;

import java.time.Duration;

/**
 * {@code chime.cluster}: the Quartz cluster timings; reference.conf says why each default.
 * {@code maxClockSkew}: how far this node's clock may be from the database's before the node reports
 * not ready.
 */
public record ClusterSettings(
    String name,
    Duration checkInInterval,
    Duration misfireThreshold,
    Duration idleWait,
    int batchSize,
    Duration batchWindow,
    Duration maxClockSkew) {}
