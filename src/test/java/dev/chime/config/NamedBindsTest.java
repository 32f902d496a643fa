package dev.chime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamedBindsTest {

  private static void assertUntouched(String sql) {
    NamedBinds.Parsed parsed = NamedBinds.parse(sql);
    assertThat(parsed.jdbcSql()).isEqualTo(sql);
    assertThat(parsed.names()).isEmpty();
  }

  @Test
  void replacesBindsInOrder() {
    NamedBinds.Parsed parsed = NamedBinds.parse(
        "DELETE FROM events WHERE created_at < :run.scheduledFireTime AND kind = :params.kind_2");
    assertThat(parsed.jdbcSql()).isEqualTo("DELETE FROM events WHERE created_at < ? AND kind = ?");
    assertThat(parsed.names()).containsExactly("run.scheduledFireTime", "params.kind_2");
  }

  @Test
  void repeatedNamesAppearEachTime() {
    NamedBinds.Parsed parsed = NamedBinds.parse("SELECT :params.a, :params.b, :params.a");
    assertThat(parsed.jdbcSql()).isEqualTo("SELECT ?, ?, ?");
    assertThat(parsed.names()).containsExactly("params.a", "params.b", "params.a");
  }

  @Test
  void castsAfterBindsStayCasts() {
    NamedBinds.Parsed parsed = NamedBinds.parse("SELECT :params.days::int, x::text, y::run.t FROM t");
    assertThat(parsed.jdbcSql()).isEqualTo("SELECT ?::int, x::text, y::run.t FROM t");
    assertThat(parsed.names()).containsExactly("params.days");
  }

  @Test
  void otherColonWordsAreNotBinds() {
    assertUntouched("SELECT :name, :params, :params., :run., :other.x, arr[1:2] FROM t");
  }

  @Test
  void singleQuotedLiteralsAreUntouched() {
    assertUntouched("SELECT 'it''s :params.not', 'x :run.job'");
    assertUntouched("SELECT E'it\\'s :params.not'");
  }

  @Test
  void bindAfterLiteralWithDoubledQuoteIsReplaced() {
    NamedBinds.Parsed parsed = NamedBinds.parse("SELECT 'it''s', :params.x, e'\\\\', :run.node");
    assertThat(parsed.jdbcSql()).isEqualTo("SELECT 'it''s', ?, e'\\\\', ?");
    assertThat(parsed.names()).containsExactly("params.x", "run.node");
  }

  @Test
  void quotedIdentifiersAreUntouched() {
    assertUntouched("SELECT \":params.x\", \"a\"\":run.job\" FROM t");
  }

  @Test
  void dollarQuotesAreUntouched() {
    assertUntouched("DO $$ BEGIN PERFORM :params.x; END $$");
    assertUntouched("DO $fn$ BEGIN RAISE NOTICE '$$ :run.job'; END $fn$");
  }

  @Test
  void positionalParametersAndDollarsInIdentifiersAreNotDollarQuotes() {
    NamedBinds.Parsed parsed = NamedBinds.parse("SELECT a$b$ FROM t WHERE x = $1 AND y = :params.y");
    assertThat(parsed.jdbcSql()).isEqualTo("SELECT a$b$ FROM t WHERE x = $1 AND y = ?");
    assertThat(parsed.names()).containsExactly("params.y");
  }

  @Test
  void commentsAreUntouched() {
    assertUntouched("SELECT 1 -- :params.x\n/* :run.job /* nested :params.y */ :run.node */");
    NamedBinds.Parsed parsed = NamedBinds.parse("SELECT 1 -- :params.x\n, :params.y /* :run.z */");
    assertThat(parsed.jdbcSql()).isEqualTo("SELECT 1 -- :params.x\n, ? /* :run.z */");
    assertThat(parsed.names()).isEqualTo(List.of("params.y"));
  }

  @Test
  void unterminatedQuotesAreCopiedAsWritten() {
    assertUntouched("SELECT ':params.x");
    assertUntouched("SELECT $q$ :params.x");
    assertUntouched("SELECT 1 /* :params.x");
  }
}
