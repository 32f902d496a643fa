package dev.chime.config;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads a job's kind block: {@code command}, {@code http}, {@code sql} or {@code java}. */
final class KindReader {

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern STATUS = Pattern.compile("[1-5]([0-9]{2}|xx)", Pattern.CASE_INSENSITIVE);
  private static final Pattern CLASS_NAME =
      Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

  private final JobReader job;

  KindReader(JobReader job) {
    this.job = job;
  }

  Optional<KindSpec> command(Section command) {
    Optional<List<String>> args = command.stringList("args");
    if (args.isPresent() && (args.get().isEmpty() || args.get().get(0).isBlank())) {
      command.problem("args", "must name a program: a non-empty list such as [\"/usr/bin/env\", \"true\"]");
      args = Optional.empty();
    } else if (args.isEmpty() && !command.has("args")) {
      command.problem("args", "required: the program and its arguments, e.g. [\"/usr/bin/env\", \"true\"] (run directly, never through a shell)");
    }
    args.ifPresent(a -> a.forEach(arg -> job.checkPlaceholders(command, "args", arg)));
    Optional<String> directory = command.string("directory").filter(s -> !s.isBlank());
    Map<String, String> env = command.stringMap("env").orElse(Map.of());
    env.forEach((k, v) -> {
      if (!ENV_NAME.matcher(k).matches()) {
        command.problem("env", "'" + k + "' is not a valid environment variable name");
      }
      job.checkPlaceholders(command, "env", v);
    });
    command.rejectUnknownKeys("args, directory, env");
    return args.map(a -> new CommandSpec(a, directory, env));
  }

  Optional<KindSpec> http(Section http) {
    String method = http.string("method").orElse("GET").toUpperCase(java.util.Locale.ROOT);
    if (!METHODS.contains(method)) {
      http.problem("method", "expected one of " + String.join(", ", new java.util.TreeSet<>(METHODS)) + ", found '" + method + "'");
    }
    Optional<String> url = http.string("url").filter(u -> checkUrl(http, u));
    if (!http.has("url")) {
      http.problem("url", "required: the target, e.g. \"https://orders.example.com/sync\"");
    }
    Map<String, String> headers = headers(http);
    Map<String, SecretRef> secretHeaders = secretHeaders(http);
    Optional<SecretRef> token = token(http);
    Optional<ConfigValue> body = http.value("body");
    boolean json = body.map(b -> b.valueType() == ConfigValueType.OBJECT || b.valueType() == ConfigValueType.LIST).orElse(false);
    Optional<String> bodyText = body.map(b -> json ? b.render(ConfigRenderOptions.concise().setJson(true)) : String.valueOf(b.unwrapped()));
    bodyText.ifPresent(b -> job.checkPlaceholders(http, "body", b));
    Duration connect = http.has("connect-timeout") ? ConfigLoader.positive(http, "connect-timeout") : job.defaults().httpConnectTimeout();
    List<String> codes = successCodes(http);
    boolean follow = http.bool("follow-redirects").orElse(false);
    boolean insecure = http.bool("insecure").orElse(false);
    http.rejectUnknownKeys("method, url, headers, secret-headers, token-env, token-file, body, connect-timeout, success-codes, follow-redirects, insecure");
    return url.map(u -> new HttpSpec(method, u, headers, secretHeaders, token, bodyText, json, connect, codes, follow, insecure));
  }

  private boolean checkUrl(Section http, String url) {
    job.checkPlaceholders(http, "url", url);
    if (url.startsWith("${")) {
      return true; // the whole target comes from a placeholder: checked when the run expands it
    }
    try {
      URI uri = URI.create(url.replaceAll("\\$\\{[^}]*}", "x"));
      if (uri.getHost() == null || !List.of("http", "https").contains(String.valueOf(uri.getScheme()).toLowerCase(java.util.Locale.ROOT))) {
        http.problem("url", "expected an http:// or https:// URL with a host, found '" + url + "'");
        return false;
      }
      return true;
    } catch (IllegalArgumentException e) {
      http.problem("url", "not a valid URL: " + e.getMessage());
      return false;
    }
  }

  private Map<String, String> headers(Section http) {
    Map<String, String> headers = http.stringMap("headers").orElse(Map.of());
    headers.forEach((name, value) -> {
      if (!HEADER_NAME.matcher(name).matches()) {
        http.problem("headers", "'" + name + "' is not a valid header name");
      }
      if (name.equalsIgnoreCase("Authorization")) {
        http.problem("headers", "Authorization is a secret: use token-env/token-file or secret-headers, never a value in the file");
      }
      job.checkPlaceholders(http, "headers", value);
    });
    return headers;
  }

  /** {@code secret-headers { X-Api-Key { env = API_KEY } }} or {@code { file = "/run/secrets/key" }}. */
  private Map<String, SecretRef> secretHeaders(Section http) {
    Map<String, SecretRef> refs = new LinkedHashMap<>();
    http.section("secret-headers").ifPresent(all -> {
      for (String name : all.keys()) {
        all.section(name).flatMap(KindReader::secretRef).ifPresent(ref -> refs.put(name, ref));
      }
    });
    return refs;
  }

  private static Optional<SecretRef> secretRef(Section ref) {
    Optional<String> env = ref.string("env");
    Optional<String> file = ref.string("file");
    ref.rejectUnknownKeys("env, file");
    if (env.isPresent() == file.isPresent()) {
      ref.problem("exactly one of env (a variable's name) or file (a path) is required");
      return Optional.empty();
    }
    return Optional.of(env.map(SecretRef::ofEnv).orElseGet(() -> SecretRef.ofFile(file.get())));
  }

  private static Optional<SecretRef> token(Section http) {
    Optional<String> env = http.string("token-env");
    Optional<String> file = http.string("token-file");
    if (env.isPresent() && file.isPresent()) {
      http.problem("token-file", "give token-env or token-file, not both");
    }
    return env.map(SecretRef::ofEnv).or(() -> file.map(SecretRef::ofFile));
  }

  private static List<String> successCodes(Section http) {
    Optional<ConfigValue> value = http.value("success-codes");
    if (value.isEmpty()) {
      return List.of("2xx");
    }
    List<String> codes = value.get().valueType() == ConfigValueType.LIST
        ? ((com.typesafe.config.ConfigList) value.get()).unwrapped().stream().map(String::valueOf).toList()
        : List.of(String.valueOf(value.get().unwrapped()));
    codes.stream().filter(c -> !STATUS.matcher(c).matches()).forEach(c ->
        http.problem("success-codes", "expected status codes such as 200 or classes such as \"2xx\", found '" + c + "'"));
    return codes.isEmpty() ? List.of("2xx") : codes;
  }

  Optional<KindSpec> sql(Section sql) {
    Optional<String> datasource = sql.string("datasource").filter(s -> !s.isBlank());
    datasource.filter(d -> !job.defaults().datasources().contains(d)).ifPresent(d -> sql.problem("datasource",
        "unknown datasource '" + d + "'; defined under chime.datasources: "
            + (job.defaults().datasources().isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(job.defaults().datasources())))));
    Optional<List<String>> statements = sql.stringList("statements");
    Optional<String> statement = sql.string("statement");
    if (statements.isPresent() == statement.isPresent()) {
      sql.problem("exactly one of statement (one SQL statement) or statements (a list, run in one transaction) is required");
    }
    List<String> all = statements.orElseGet(() -> statement.map(List::of).orElse(List.of()));
    if (statements.isPresent() && all.isEmpty()) {
      sql.problem("statements", "must hold at least one statement");
    }
    all.forEach(s -> job.checkBinds(sql, statements.isPresent() ? "statements" : "statement", s));
    sql.rejectUnknownKeys("datasource, statement, statements");
    return all.isEmpty() ? Optional.empty() : Optional.of(new SqlSpec(datasource, all));
  }

  Optional<KindSpec> java(Section java) {
    Optional<String> className = java.string("class");
    if (className.isEmpty() && !java.has("class")) {
      java.problem("class", "required: the class implementing dev.chime.api.ChimeTask, e.g. \"com.acme.jobs.Reindex\"");
    }
    className.filter(c -> !CLASS_NAME.matcher(c).matches())
        .ifPresent(c -> java.problem("class", "'" + c + "' is not a Java class name"));
    java.rejectUnknownKeys("class");
    return className.filter(c -> CLASS_NAME.matcher(c).matches()).map(JavaSpec::new);
  }
}
