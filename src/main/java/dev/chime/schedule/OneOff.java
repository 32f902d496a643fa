package dev.chime.schedule;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A one-off run ({@code chime schedule}): a job to run once at a chosen time. {@code status} is
 * {@code pending}, {@code fired} (then {@code runId} names the run when it has been recorded) or
 * {@code cancelled}.
 */
public record OneOff(
    String id,
    String job,
    Instant runAt,
    Map<String, String> parameters,
    String createdBy,
    Instant createdAt,
    String status,
    Optional<Long> runId,
    Optional<Instant> cancelledAt,
    Optional<String> cancelledBy) {

  public static final String PENDING = "pending";
  public static final String FIRED = "fired";
  public static final String CANCELLED = "cancelled";

  public OneOff {
    parameters = Map.copyOf(parameters);
  }
}
