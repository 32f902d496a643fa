package dev.chime.config;

/**
 * {@code chime.datasources.NAME}: a database that sql jobs may name. A node setting, not part of a
 * job's definition: every node that may run such a job defines it, with its own credentials.
 */
public record DataSourceSettings(String name, String url, String user, Secret password, int poolSize) {}
