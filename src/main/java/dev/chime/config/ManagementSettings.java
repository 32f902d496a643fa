package dev.chime.config;

/** {@code chime.management}: the listener for /metrics and /health, without auth. */
public record ManagementSettings(String host, int port) {}
