package dev.chime.config;

import java.time.Duration;

/** {@code chime.history}: how long run records are kept and when the purge runs. */
public record HistorySettings(Duration retention, String purgeCron, int purgeBatchSize) {}
