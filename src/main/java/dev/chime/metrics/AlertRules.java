package dev.chime.metrics;

import java.time.Duration;
import java.util.Locale;

/**
 * Prometheus alerting rules for chime's metrics, as a rules file ({@code promtool check rules}
 * accepts it). They assume the scrape config keeps chime's {@code job} label ({@code honor_labels:
 * true}); cluster-wide gauges are the same on every node, hence {@code max by (job)}.
 *
 * @param failuresInARow failed or timed-out runs since the last success that raise an alert
 * @param maxClockSkew how far a node's clock may be from the database's
 */
public record AlertRules(int failuresInARow, Duration maxClockSkew) {

  private static final String TEMPLATE = """
      # chime alerting rules, from `chime rules`. Load with rule_files in prometheus.yml.
      # Scrape chime with honor_labels: true so the per-job label `job` stays the job's name.
      groups:
        - name: chime
          rules:
            - alert: ChimeJobLate
              expr: time() > max by (job) (chime_job_success_deadline_timestamp_seconds) unless on (job) max by (job) (chime_job_paused) == 1
              for: 1m
              labels:
                severity: critical
              annotations:
                summary: "chime job {{ $labels.job }} has not succeeded by its deadline"
                description: "No successful run of {{ $labels.job }} since its next scheduled fire after its last success, plus its grace."
            - alert: ChimeJobFailing
              expr: max by (job) (chime_job_consecutive_failures) >= %1$d
              labels:
                severity: warning
              annotations:
                summary: "chime job {{ $labels.job }} failed {{ $value }} times in a row"
                description: "Runs of {{ $labels.job }} failed or timed out since its last success; see `chime history --job {{ $labels.job }}`."
            - alert: ChimeJobMisfires
              expr: sum by (job) (increase(chime_job_misfires_total[15m])) > 0
              labels:
                severity: warning
              annotations:
                summary: "chime job {{ $labels.job }} misfired"
                description: "Fires of {{ $labels.job }} were late beyond the misfire threshold: nodes down or all worker threads busy."
            - alert: ChimeNoNodeRunning
              expr: absent(chime_scheduler_state{state="running"} == 1)
              for: 2m
              labels:
                severity: critical
              annotations:
                summary: "no chime node is running its scheduler"
                description: "No scraped chime node reports a running scheduler: no job fires."
            - alert: ChimeConfigDiffers
              expr: count(count by (hash) (chime_config_info)) > 1
              for: 10m
              labels:
                severity: warning
              annotations:
                summary: "chime nodes run different job configs"
                description: "{{ $value }} different config hashes across the nodes; the store runs whichever node reconciled last."
            - alert: ChimePoolExhausted
              expr: max by (instance, pool) (hikaricp_connections_pending) > 0
              for: 2m
              labels:
                severity: warning
              annotations:
                summary: "chime's connection pool on {{ $labels.instance }} has threads waiting"
                description: "{{ $value }} threads wait for a database connection; raise chime.database.pool-size."
            - alert: ChimeClockSkew
              expr: abs(chime_clock_skew_seconds) > %2$s
              for: 5m
              labels:
                severity: warning
              annotations:
                summary: "clock of chime node {{ $labels.instance }} is {{ $value }}s off the database's"
                description: "Quartz clustering compares check-in times across nodes; keep node clocks in sync (NTP)."
            - alert: ChimeMetricsStale
              expr: chime_metrics_refresh_age_seconds > 60
              for: 2m
              labels:
                severity: warning
              annotations:
                summary: "chime node {{ $labels.instance }} cannot read its store"
                description: "The store-backed chime metrics of {{ $labels.instance }} are {{ $value }}s old; check its database."
      """;

  public AlertRules {
    if (failuresInARow < 1) {
      throw new IllegalArgumentException("failures in a row must be at least 1, not " + failuresInARow);
    }
  }

  /** The rules file. */
  public String yaml() {
    return TEMPLATE.formatted(failuresInARow, String.format(Locale.ROOT, "%.3f", maxClockSkew.toMillis() / 1000.0));
  }
}
