package dev.chime.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.chime.ChimeException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log in {@code chime_audit}, plain JDBC, one cluster's rows: who asked for which
 * mutation, with what arguments, when, from where, and how it ended. Written by the HTTP API and the
 * mutating CLI commands; a failure to write is logged, never hides the action's own result.
 */
public final class AuditLog {

  private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
  private static final ObjectMapper JSON =
      JsonMapper.builder().addModule(new JavaTimeModule()).addModule(new Jdk8Module()).build();
  private static final String INSERT =
      "INSERT INTO chime_audit (cluster, at, actor, action, arguments, source, result, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String PAGE =
      "SELECT id, at, actor, action, arguments, source, result, error FROM chime_audit WHERE cluster = ? "
          + "ORDER BY at DESC, id DESC LIMIT ? OFFSET ?";

  /** A mutation asked for: who, what, with which arguments (JSON-able), from where ({@code cli} or an address). */
  public record Call(String actor, String action, Map<String, ?> arguments, String source) {}

  /** One audit record; {@code result} is {@code ok} or {@code error}, then {@code error} says which. */
  public record Entry(long id, java.time.Instant at, String actor, String action, Object arguments, String source,
      String result, Optional<String> error) {}

  /** One page of records, newest first, and how many there are in all. */
  public record Page(List<Entry> entries, long total, int offset, int limit) {
    public boolean hasNext() {
      return offset + entries.size() < total;
    }
  }

  private final DataSource dataSource;
  private final String cluster;
  private final Clock clock;

  public AuditLog(DataSource dataSource, String cluster, Clock clock) {
    this.dataSource = dataSource;
    this.cluster = cluster;
    this.clock = clock;
  }

  /** Runs {@code action} and records it: ok, or the exception's message; the exception is rethrown. */
  public <T> T run(Call call, Supplier<T> action) {
    T result;
    try {
      result = action.get();
    } catch (RuntimeException e) {
      append(call, Optional.of(describe(e)));
      throw e;
    }
    append(call, Optional.empty());
    return result;
  }

  /** Records {@code call}, ended well or with {@code error}. */
  public void append(Call call, Optional<String> error) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(INSERT)) {
      s.setString(1, cluster);
      s.setObject(2, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
      s.setString(3, call.actor());
      s.setString(4, call.action());
      s.setString(5, JSON.writeValueAsString(call.arguments()));
      s.setString(6, call.source());
      s.setString(7, error.isPresent() ? "error" : "ok");
      s.setString(8, error.orElse(null));
      s.executeUpdate();
    } catch (SQLException | JsonProcessingException | RuntimeException e) {
      log.error("Cannot write the audit record of {} by {} from {} ({}): {}", call.action(), call.actor(), call.source(),
          error.orElse("ok"), e.getMessage());
    }
  }

  /** The newest records first. */
  public Page page(int limit, int offset) {
    try (Connection c = dataSource.getConnection()) {
      long total;
      try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM chime_audit WHERE cluster = ?")) {
        s.setString(1, cluster);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      return new Page(read(c, limit, offset), total, offset, limit);
    } catch (SQLException e) {
      throw new ChimeException("cannot read the audit log: " + e.getMessage(), e);
    }
  }

  private List<Entry> read(Connection c, int limit, int offset) throws SQLException {
    List<Entry> entries = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(PAGE)) {
      s.setString(1, cluster);
      s.setInt(2, limit);
      s.setInt(3, offset);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          entries.add(new Entry(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class).toInstant(),
              rs.getString("actor"), rs.getString("action"), arguments(rs.getString("arguments")),
              rs.getString("source"), rs.getString("result"), Optional.ofNullable(rs.getString("error"))));
        }
      }
    }
    return entries;
  }

  private static Object arguments(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return json;
    }
  }

  private static String describe(RuntimeException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
