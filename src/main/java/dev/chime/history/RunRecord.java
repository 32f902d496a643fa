package dev.chime.history;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** One row of {@code chime_run}: one attempt of one fire of one job. */
public record RunRecord(
    long id,
    String job,
    Instant scheduledAt,
    Instant startedAt,
    Optional<Instant> endedAt,
    String node,
    int attempt,
    String trigger,
    String outcome,
    Optional<Integer> exitCode,
    Optional<Integer> httpStatus,
    Optional<Long> rowsAffected,
    Optional<String> error,
    Optional<String> output,
    Optional<Long> outputBytes,
    Map<String, String> parameters,
    Optional<String> triggeredBy,
    Optional<String> requestId,
    Optional<Instant> coveredFrom,
    Optional<Instant> coveredTo,
    Optional<Long> delayMillis) {}
