package dev.chime.config;

import java.util.List;
import java.util.Optional;

/**
 * The {@code sql} job kind: statements run in one transaction on a named datasource (empty: chime's
 * own database). Statements use named binds — {@code :params.NAME}, {@code :run.FIELD} — that
 * become bind variables, never text pasted into SQL.
 */
public record SqlSpec(Optional<String> datasource, List<String> statements) implements KindSpec {

  public SqlSpec {
    statements = List.copyOf(statements);
  }

  @Override
  public String kind() {
    return "sql";
  }
}
