package dev.chime.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Named binds in a sql job's statements: each {@code :params.NAME} or {@code :run.FIELD} becomes a
 * JDBC {@code ?}, in order, so values are bound, never pasted into SQL. Pure text processing that
 * knows just enough PostgreSQL lexing to leave alone single-quoted literals (including {@code
 * E'...'} with backslash escapes), double-quoted identifiers, dollar-quoted strings ({@code $$...$$},
 * {@code $tag$...$tag$}), {@code --} line comments, (nested) {@code /* *}{@code /} comments, casts
 * ({@code ::type}) and any other {@code :word}. Unterminated quotes or comments are copied as
 * written; the server reports them.
 */
public final class NamedBinds {

  private static final String[] PREFIXES = {"params.", "run."};

  private NamedBinds() {}

  /**
   * A statement ready for a {@code PreparedStatement}.
   *
   * @param jdbcSql the SQL with every bind replaced by {@code ?}
   * @param names the bind names in order of their {@code ?}, without the colon ({@code
   *     params.retentionDays}); a name used twice appears twice
   */
  public record Parsed(String jdbcSql, List<String> names) {
    public Parsed {
      names = List.copyOf(names);
    }
  }

  /** Replaces the named binds of {@code sql} by {@code ?}. */
  public static Parsed parse(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    List<String> names = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      int end = skipQuotedOrComment(sql, i);
      if (end > i) {
        out.append(sql, i, end);
        i = end;
        continue;
      }
      char c = sql.charAt(i);
      if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
        out.append("::");
        i += 2;
        continue;
      }
      int bindEnd = c == ':' ? bindEnd(sql, i + 1) : -1;
      if (bindEnd > 0) {
        names.add(sql.substring(i + 1, bindEnd));
        out.append('?');
        i = bindEnd;
        continue;
      }
      out.append(c);
      i++;
    }
    return new Parsed(out.toString(), names);
  }

  /** The end of a literal, quoted identifier or comment starting at {@code i}, or {@code i}. */
  private static int skipQuotedOrComment(String sql, int i) {
    char c = sql.charAt(i);
    char next = i + 1 < sql.length() ? sql.charAt(i + 1) : '\0';
    if (c == '\'') {
      return endOfQuoted(sql, i + 1, '\'', isEscapeString(sql, i));
    }
    if (c == '"') {
      return endOfQuoted(sql, i + 1, '"', false);
    }
    if (c == '-' && next == '-') {
      int newline = sql.indexOf('\n', i);
      return newline < 0 ? sql.length() : newline + 1;
    }
    if (c == '/' && next == '*') {
      return endOfBlockComment(sql, i + 2);
    }
    if (c == '$') {
      return endOfDollarQuoted(sql, i);
    }
    return i;
  }

  /** Whether the quote at {@code quote} opens an {@code E'...'} string (backslash escapes). */
  private static boolean isEscapeString(String sql, int quote) {
    if (quote == 0 || Character.toUpperCase(sql.charAt(quote - 1)) != 'E') {
      return false;
    }
    return quote == 1 || !isIdentifierChar(sql.charAt(quote - 2));
  }

  /** Just past the closing {@code quote} (a doubled quote is part of the text). */
  private static int endOfQuoted(String sql, int from, char quote, boolean backslashEscapes) {
    int i = from;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
      } else if (c == quote && i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
        i += 2;
      } else if (c == quote) {
        return i + 1;
      } else {
        i++;
      }
    }
    return sql.length();
  }

  /** Just past the {@code *}{@code /} closing a comment; PostgreSQL block comments nest. */
  private static int endOfBlockComment(String sql, int from) {
    int depth = 1;
    int i = from;
    while (i < sql.length() && depth > 0) {
      if (sql.startsWith("/*", i)) {
        depth++;
        i += 2;
      } else if (sql.startsWith("*/", i)) {
        depth--;
        i += 2;
      } else {
        i++;
      }
    }
    return Math.min(i, sql.length());
  }

  /** Just past a dollar-quoted string starting at {@code i}, or {@code i} if none starts there. */
  private static int endOfDollarQuoted(String sql, int i) {
    if (i > 0 && isIdentifierChar(sql.charAt(i - 1))) {
      return i; // a '$' inside an identifier such as a$b
    }
    int j = i + 1;
    while (j < sql.length() && isIdentifierChar(sql.charAt(j)) && sql.charAt(j) != '$') {
      j++;
    }
    boolean validTag = j < sql.length() && sql.charAt(j) == '$'
        && (j == i + 1 || !Character.isDigit(sql.charAt(i + 1)));
    if (!validTag) {
      return i; // $1 positional parameter or a lone '$'
    }
    String tag = sql.substring(i, j + 1);
    int close = sql.indexOf(tag, j + 1);
    return close < 0 ? sql.length() : close + tag.length();
  }

  /** The end of a bind name starting just after a colon at {@code from - 1}, or -1. */
  private static int bindEnd(String sql, int from) {
    for (String prefix : PREFIXES) {
      if (sql.startsWith(prefix, from)) {
        int j = from + prefix.length();
        while (j < sql.length() && isNameChar(sql.charAt(j))) {
          j++;
        }
        return j > from + prefix.length() ? j : -1;
      }
    }
    return -1;
  }

  private static boolean isNameChar(char c) {
    return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
  }

  private static boolean isIdentifierChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
