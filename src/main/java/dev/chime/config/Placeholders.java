package dev.chime.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${params.NAME}}, {@code ${run.FIELD}} and {@code ${env.VAR}} in job text (command args and
 * env, http url, headers and body). {@code env.VAR} is read from the executing node's environment at
 * run time, so a target can differ per environment without a secret or a host name in the file.
 * Any other {@code ${...}} is left as written, so a shell's {@code ${VAR}} in {@code sh -c} keeps
 * working. Write placeholders inside quoted HOCON strings.
 */
public final class Placeholders {

  /** The run fields a placeholder or a sql bind may name. */
  public static final Set<String> RUN_FIELDS = Set.of(
      "job", "runId", "scheduledFireTime", "actualFireTime", "fireInstanceId", "attempt", "node",
      "recovering", "idempotencyKey", "coveredFrom", "coveredTo");

  private static final Pattern TOKEN = Pattern.compile("\\$\\{((?:params|run|env)\\.[A-Za-z0-9_-]+)}");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Placeholders() {}

  /** The names a template refers to, as written: {@code params.batchSize}, {@code run.node}. */
  public static List<String> references(String template) {
    List<String> names = new ArrayList<>();
    Matcher m = TOKEN.matcher(template);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** The problem with a reference, or null when {@code params} declares it or it is a run field. */
  public static String problem(String reference, Set<String> params) {
    if (reference.startsWith("params.")) {
      String name = reference.substring("params.".length());
      return params.contains(name) ? null
          : "unknown parameter '" + name + "' in a placeholder; declared parameters: "
              + (params.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(params)));
    }
    if (reference.startsWith("env.")) {
      String name = reference.substring("env.".length());
      return ENV_NAME.matcher(name).matches() ? null : "'" + name + "' is not an environment variable name";
    }
    String field = reference.substring("run.".length());
    return RUN_FIELDS.contains(field) ? null
        : "unknown run field '" + field + "'; expected one of: " + String.join(", ", new java.util.TreeSet<>(RUN_FIELDS));
  }

  /** The template with every placeholder replaced by its value from {@code values}. */
  public static String expand(String template, Map<String, String> values) {
    Matcher m = TOKEN.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = name.startsWith("env.") ? System.getenv(name.substring(4)) : values.get(name);
      if (value == null) {
        throw new IllegalArgumentException(name.startsWith("env.")
            ? "environment variable " + name.substring(4) + " (placeholder ${" + name + "}) is not set on this node"
            : "no value for placeholder ${" + name + "}");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
