package dev.chime.faults;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/** One scenario's database on the {@link FaultPostgres} server: its URL and plain queries. */
final class FaultDb {

  private final int port;
  private final String name;

  FaultDb(int port, String name) {
    this.port = port;
    this.name = name;
  }

  String url() {
    return "jdbc:postgresql://localhost:" + port + "/" + name;
  }

  private Connection connect() throws SQLException {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url());
    ds.setUser("postgres");
    ds.setConnectTimeout(5);
    return ds.getConnection();
  }

  void execute(String sql) {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  List<List<Object>> query(String sql) {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<List<Object>> rows = new ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  long count(String sql) {
    return ((Number) query(sql).get(0).get(0)).longValue();
  }
}
