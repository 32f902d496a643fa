package dev.chime.execution;

import dev.chime.config.KindSpec;

/**
 * Runs one kind of job. Implementations never see Quartz: they get the definition, the run's
 * context (with its placeholder values) and a cancellation signal, and react to cancellation by
 * stopping their work promptly (kill, abort, cancel the statement). Throwing is a failed run.
 */
public interface KindRunner<S extends KindSpec> {

  KindResult run(S spec, RunContext context, long outputLimit, Cancellation cancellation)
      throws Exception;

  /**
   * What the kind did. {@code output} is a bounded excerpt, {@code outputBytes} everything there
   * was; {@code exitCode}, {@code httpStatus} and {@code rowsAffected} are null where they do not
   * apply.
   */
  record KindResult(
      boolean success,
      String message,
      String output,
      long outputBytes,
      Integer exitCode,
      Integer httpStatus,
      Long rowsAffected) {

    public static KindResult of(boolean success, String message, String output, long outputBytes) {
      return new KindResult(success, message, output, outputBytes, null, null, null);
    }

    public KindResult withExitCode(Integer code) {
      return new KindResult(success, message, output, outputBytes, code, httpStatus, rowsAffected);
    }

    public KindResult withHttpStatus(Integer status) {
      return new KindResult(success, message, output, outputBytes, exitCode, status, rowsAffected);
    }

    public KindResult withRowsAffected(Long rows) {
      return new KindResult(success, message, output, outputBytes, exitCode, httpStatus, rows);
    }
  }
}
