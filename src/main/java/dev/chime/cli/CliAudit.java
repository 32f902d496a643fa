package dev.chime.cli;

import dev.chime.history.AuditLog;
import java.util.LinkedHashMap;
import java.util.Map;

/** The audit record of a mutating CLI command: the OS user, from {@code cli}, its arguments as given. */
final class CliAudit {

  static final String SOURCE = "cli";

  private CliAudit() {}

  /** A call by the OS user; {@code arguments} alternate names and values, null values left out. */
  static AuditLog.Call call(String action, Object... arguments) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < arguments.length; i += 2) {
      if (arguments[i + 1] != null) {
        map.put((String) arguments[i], arguments[i + 1]);
      }
    }
    return new AuditLog.Call(System.getProperty("user.name", "unknown"), action, map, SOURCE);
  }
}
