package dev.chime.execution.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.chime.ChimeException;
import dev.chime.config.DataSourceSettings;
import dev.chime.config.Secret;
import dev.chime.config.SqlSpec;
import dev.chime.execution.Cancellation;
import dev.chime.execution.KindRunner.KindResult;
import dev.chime.execution.RunContext;
import dev.chime.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SqlKindTest {

  private static final Instant FIRE = Instant.parse("2024-06-10T03:00:00Z");
  private static final long LIMIT = 64 * 1024;

  private TestDatabase db;
  private DataSources dataSources;
  private SqlKind kind;

  @BeforeEach
  void setUp() throws SQLException {
    db = TestDatabase.create();
    dataSources = new DataSources(db.dataSource(), Map.of());
    kind = new SqlKind(dataSources);
    execute(db, "CREATE TABLE events (id bigint PRIMARY KEY, created_at timestamptz NOT NULL)");
    execute(db, "INSERT INTO events SELECT g, TIMESTAMPTZ '2024-06-10 03:00Z' - g * INTERVAL '1 day'"
        + " FROM generate_series(1, 10) g");
  }

  @AfterEach
  void tearDown() {
    dataSources.close();
  }

  private static void execute(TestDatabase database, String sql) throws SQLException {
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static RunContext context(Map<String, String> parameters) {
    return new RunContext(7, "cleanup", FIRE, FIRE.plusMillis(15), "fire-1", 1, "node-a", false, parameters, java.util.Optional.empty(), FIRE);
  }

  private static SqlSpec spec(String... statements) {
    return new SqlSpec(Optional.empty(), List.of(statements));
  }

  private KindResult run(SqlSpec spec, Map<String, String> parameters) throws Exception {
    return kind.run(spec, context(parameters), LIMIT, new Cancellation());
  }

  @Test
  void sumsRowsAffectedOverStatementsWithBindsTypedByTheServer() throws Exception {
    KindResult result = run(spec(
        "DELETE FROM events WHERE created_at < :run.scheduledFireTime::timestamptz"
            + " - make_interval(days => :params.days)",
        "UPDATE events SET created_at = :run.scheduledFireTime WHERE id <= :params.touch"),
        Map.of("days", "7", "touch", "2"));

    assertThat(result.success()).isTrue();
    assertThat(result.rowsAffected()).isEqualTo(5L); // ids 8, 9, 10 deleted; 1, 2 updated
    assertThat(result.output()).isEqualTo("statement 1: 3 rows\nstatement 2: 2 rows\n");
    assertThat(db.count("SELECT count(*) FROM events")).isEqualTo(7);
    assertThat(db.count("SELECT count(*) FROM events WHERE created_at = '2024-06-10 03:00Z'")).isEqualTo(2);
  }

  @Test
  void failingStatementRollsBackTheWholeTransaction() {
    SqlSpec spec = spec("DELETE FROM events", "DELETE FROM nope", "DELETE FROM events");

    assertThatThrownBy(() -> run(spec, Map.of()))
        .isInstanceOf(ChimeException.class)
        .hasMessageStartingWith("statement 2 of 3 failed, transaction rolled back: ERROR: relation \"nope\" does not exist");
    assertThat(db.count("SELECT count(*) FROM events")).isEqualTo(10);
  }

  @Test
  void statementReturningRowsCountsNoRows() throws Exception {
    KindResult result = run(spec("SELECT * FROM events", "DELETE FROM events WHERE id = :params.id"),
        Map.of("id", "3"));

    assertThat(result.rowsAffected()).isEqualTo(1L);
    assertThat(result.output()).isEqualTo("statement 1: returned rows\nstatement 2: 1 row\n");
  }

  @Test
  void outputIsBoundedByTheLimit() throws Exception {
    KindResult result = kind.run(spec("SELECT 1", "SELECT 2", "SELECT 3"), context(Map.of()), 10, new Cancellation());

    assertThat(result.outputBytes()).isEqualTo(3 * "statement 1: returned rows\n".length());
    assertThat(result.output()).contains("bytes dropped");
  }

  @Test
  void idempotencyKeyLandsInATable() throws Exception {
    execute(db, "CREATE TABLE marks (key text PRIMARY KEY, node text, attempt int)");

    run(spec("INSERT INTO marks VALUES (:run.idempotencyKey, :run.node, :run.attempt)"), Map.of());

    assertThat(db.query("SELECT key, node, attempt FROM marks"))
        .containsExactly(List.of("cleanup@2024-06-10T03:00:00Z", "node-a", 1));
  }

  @Test
  void missingBindValueFailsWithTheName() {
    assertThatThrownBy(() -> run(spec("SELECT 1", "DELETE FROM events WHERE id = :params.id"), Map.of()))
        .isInstanceOf(ChimeException.class)
        .hasMessageContaining("statement 2 of 2")
        .hasMessageContaining(":params.id");
  }

  @Test
  void cancellationStopsTheRunningStatementAndRollsBack() throws Exception {
    Cancellation cancellation = new Cancellation();
    SqlSpec spec = spec("DELETE FROM events", "SELECT pg_sleep(30)");
    CompletableFuture<KindResult> running = CompletableFuture.supplyAsync(() -> {
      try {
        return kind.run(spec, context(Map.of()), LIMIT, cancellation);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> db.count(
        "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query = 'SELECT pg_sleep(30)'") == 1);

    long start = System.nanoTime();
    cancellation.cancel(Cancellation.Reason.TIMEOUT);
    KindResult result = running.get(10, TimeUnit.SECONDS);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(result.success()).isFalse();
    assertThat(result.message()).contains("cancelled").contains("statement 2 of 2").contains("rolled back");
    assertThat(result.rowsAffected()).isZero();
    assertThat(db.count("SELECT count(*) FROM events")).isEqualTo(10);
  }

  @Test
  void cancelledBeforeStartRunsNothing() throws Exception {
    Cancellation cancellation = new Cancellation();
    cancellation.cancel(Cancellation.Reason.SHUTDOWN);

    KindResult result = kind.run(spec("DELETE FROM events"), context(Map.of()), LIMIT, cancellation);

    assertThat(result.success()).isFalse();
    assertThat(db.count("SELECT count(*) FROM events")).isEqualTo(10);
  }

  @Test
  void namedDatasourceIsOpenedLazilyAndClosedByClose() throws Exception {
    TestDatabase other = TestDatabase.create();
    execute(other, "CREATE TABLE marks (key text, days int)");
    DataSourceSettings settings = new DataSourceSettings("reports", other.url(), "postgres", new Secret(""), 2);
    DataSources named = new DataSources(db.dataSource(), Map.of("reports", settings));
    SqlKind sql = new SqlKind(named);
    assertThat(named.opened()).isEmpty();

    KindResult result = sql.run(
        new SqlSpec(Optional.of("reports"), List.of("INSERT INTO marks VALUES (:run.job, :params.days)")),
        context(Map.of("days", "3")), LIMIT, new Cancellation());

    assertThat(result.rowsAffected()).isEqualTo(1L);
    assertThat(named.opened()).containsExactly("reports");
    assertThat(other.query("SELECT key, days FROM marks")).containsExactly(List.of("cleanup", 3));
    HikariDataSource pool = (HikariDataSource) named.get(Optional.of("reports"));
    assertThat(pool.getPoolName()).isEqualTo("chime-ds-reports");
    assertThat(named.get(Optional.empty())).isNotInstanceOf(HikariDataSource.class);
    named.close();
    assertThat(pool.isClosed()).isTrue();
  }

  @Test
  void unknownDatasourceNamesTheDefinedOnes() {
    DataSourceSettings a = new DataSourceSettings("a", db.url(), "postgres", Secret.NONE, 1);
    DataSourceSettings b = new DataSourceSettings("b", db.url(), "postgres", Secret.NONE, 1);
    DataSources named = new DataSources(db.dataSource(), Map.of("b", b, "a", a));

    assertThatThrownBy(() -> new SqlKind(named).run(new SqlSpec(Optional.of("x"), List.of("SELECT 1")),
            context(Map.of()), LIMIT, new Cancellation()))
        .isInstanceOf(ChimeException.class)
        .hasMessage("unknown datasource 'x'; defined on this node: a, b");
    assertThat(named.opened()).isEmpty();
  }
}
