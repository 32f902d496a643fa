package dev.chime.http;

import dev.chime.history.AuditLog;
import dev.chime.history.RunRepository;
import dev.chime.schedule.ClusterScheduler;
import dev.chime.schedule.JobControl;
import dev.chime.schedule.ReloadResult;
import java.time.Clock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * What the HTTP surface needs from a running node.
 *
 * @param scrape the Prometheus scrape, served as {@code GET /metrics} with {@code scrapeContentType}
 * @param configApplied true once the node has reconciled its config into the store
 * @param reload re-reads this node's config file and, if valid, reconciles it ({@code POST /reload})
 */
public record NodeServices(
    ClusterScheduler scheduler,
    JobControl control,
    RunRepository runs,
    AuditLog audit,
    DataSource dataSource,
    Supplier<String> scrape,
    String scrapeContentType,
    BooleanSupplier configApplied,
    Supplier<ReloadResult> reload,
    Clock clock) {}
