package dev.chime.schedule;

import dev.chime.execution.JobExecutor;
import dev.chime.history.RunPurger;

/** What a running node's scheduler hands fires to: the executor for jobs, the purger for housekeeping. */
public record NodeWork(JobExecutor executor, RunPurger purger) {}
