package dev.chime.execution.sql;

import dev.chime.ChimeException;
import dev.chime.config.NamedBinds;
import dev.chime.config.SqlSpec;
import dev.chime.execution.Cancellation;
import dev.chime.execution.KindRunner;
import dev.chime.execution.RunContext;
import dev.chime.execution.command.BoundedOutput;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code sql} kind: every statement of the job, in order, in one transaction on one connection.
 * Named binds ({@code :params.NAME}, {@code :run.FIELD}) are bound as values of unspecified type
 * ({@code setObject(i, value, Types.OTHER)}), so PostgreSQL infers each one's type from where it
 * is used, on chime's own database and named datasources alike ({@code id <= :params.n}, {@code
 * make_interval(days => :params.days)}, an insert into an int column). Where an operator has several
 * candidates the server may guess wrong ({@code :run.scheduledFireTime - interval '7 days'} is taken
 * as interval minus interval), so write a cast: {@code :run.scheduledFireTime::timestamptz}.
 *
 * <p>Success commits and reports the rows affected over all statements (a statement returning rows
 * counts 0). A failing statement rolls everything back and fails the run, naming the statement.
 * Cancellation (timeout, shutdown) cancels the statement executing on the server, rolls back, and
 * returns an unsuccessful result for the executor to record as timed out or interrupted.
 */
public final class SqlKind implements KindRunner<SqlSpec> {

  private static final Logger log = LoggerFactory.getLogger(SqlKind.class);

  private final DataSources dataSources;

  public SqlKind(DataSources dataSources) {
    this.dataSources = dataSources;
  }

  @Override
  public KindResult run(SqlSpec spec, RunContext context, long outputLimit, Cancellation cancellation)
      throws SQLException {
    List<NamedBinds.Parsed> statements = spec.statements().stream().map(NamedBinds::parse).toList();
    Map<String, String> values = context.placeholderValues();
    checkBinds(statements, values);
    DataSource dataSource = dataSources.get(spec.datasource());
    Transaction tx = new Transaction(statements, values, cancellation,
        new BoundedOutput((int) Math.min(Integer.MAX_VALUE, Math.max(0, outputLimit))));
    try (Connection connection = dataSource.getConnection()) {
      return tx.run(connection);
    }
  }

  /** Fails before connecting when a bind names a value the run does not have. */
  private static void checkBinds(List<NamedBinds.Parsed> statements, Map<String, String> values) {
    for (int i = 0; i < statements.size(); i++) {
      for (String name : statements.get(i).names()) {
        if (!values.containsKey(name)) {
          throw new ChimeException("statement " + (i + 1) + " of " + statements.size()
              + ": no value for bind :" + name + " (" + (name.startsWith("params.")
                  ? "not a parameter of this job or its run" : "not a run field") + ")");
        }
      }
    }
  }

  /** One run's statements on one connection; knows the statement executing, for cancellation. */
  private static final class Transaction {

    private final List<NamedBinds.Parsed> statements;
    private final Map<String, String> values;
    private final Cancellation cancellation;
    private final BoundedOutput output;
    private final AtomicReference<PreparedStatement> current = new AtomicReference<>();
    private long rowsAffected;

    Transaction(List<NamedBinds.Parsed> statements, Map<String, String> values,
        Cancellation cancellation, BoundedOutput output) {
      this.statements = statements;
      this.values = values;
      this.cancellation = cancellation;
      this.output = output;
    }

    KindResult run(Connection connection) throws SQLException {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      cancellation.onCancel(this::cancelCurrent);
      int index = 0;
      try {
        for (; index < statements.size(); index++) {
          execute(connection, index);
        }
        if (cancellation.isCancelled()) {
          return cancelled(connection, statements.size() - 1);
        }
        connection.commit();
        return KindResult.of(true, null, output.excerpt(), output.totalBytes())
            .withRowsAffected(rowsAffected);
      } catch (SQLException e) {
        if (cancellation.isCancelled()) {
          return cancelled(connection, index);
        }
        rollbackQuietly(connection);
        throw new ChimeException("statement " + (index + 1) + " of " + statements.size()
            + " failed, transaction rolled back: " + e.getMessage(), e);
      } catch (RuntimeException e) {
        rollbackQuietly(connection);
        throw e;
      } finally {
        current.set(null);
        restoreAutoCommit(connection, autoCommit);
      }
    }

    private void execute(Connection connection, int index) throws SQLException {
      NamedBinds.Parsed parsed = statements.get(index);
      try (PreparedStatement statement = connection.prepareStatement(parsed.jdbcSql())) {
        for (int i = 0; i < parsed.names().size(); i++) {
          statement.setObject(i + 1, values.get(parsed.names().get(i)), Types.OTHER);
        }
        current.set(statement);
        if (cancellation.isCancelled()) {
          throw new SQLException("cancelled before statement " + (index + 1) + " started");
        }
        // A cancel landing between this check and the driver sending the query is a no-op in the
        // driver; the statement then runs to its end and the cancellation is seen after it.
        boolean rows = statement.execute();
        current.set(null);
        record(index, statement, rows);
      }
    }

    /** Adds a statement's update counts (all its results) to the total and a line to the output. */
    private void record(int index, PreparedStatement statement, boolean rows) throws SQLException {
      long count = 0;
      boolean returnedRows = false;
      while (true) {
        if (rows) {
          returnedRows = true;
        } else {
          long updated = statement.getLargeUpdateCount();
          if (updated < 0) {
            break;
          }
          count += updated;
        }
        rows = statement.getMoreResults();
      }
      rowsAffected += count;
      String line = "statement " + (index + 1) + ": "
          + (returnedRows && count == 0 ? "returned rows" : count + (count == 1 ? " row" : " rows"));
      byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
      output.write(bytes, 0, bytes.length);
    }

    private KindResult cancelled(Connection connection, int index) {
      rollbackQuietly(connection);
      String message = "cancelled (" + cancellation.reason().map(r -> r.name().toLowerCase()).orElse("")
          + ") during statement " + (index + 1) + " of " + statements.size() + ", transaction rolled back";
      log.info("sql run {}", message);
      return KindResult.of(false, message, output.excerpt(), output.totalBytes()).withRowsAffected(0L);
    }

    private void cancelCurrent() {
      PreparedStatement statement = current.get();
      if (statement == null) {
        return;
      }
      try {
        statement.cancel();
      } catch (SQLException e) {
        log.warn("Could not cancel the running statement; it runs until it ends", e);
      }
    }
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      log.warn("Rollback failed; the connection's transaction ends when it is closed", e);
    }
  }

  private static void restoreAutoCommit(Connection connection, boolean autoCommit) {
    try {
      connection.setAutoCommit(autoCommit);
    } catch (SQLException e) {
      log.debug("Could not restore autocommit; the pool resets it", e);
    }
  }
}
