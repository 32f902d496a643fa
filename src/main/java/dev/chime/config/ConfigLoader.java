package dev.chime.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads a node's config: the file, under the CHIME_* environment layer, over reference.conf;
 * validates everything in one pass and returns immutable settings, or throws an {@link
 * InvalidConfigException} listing every problem with its origin. Nothing else reads HOCON.
 */
public final class ConfigLoader {

  private static final String ENVIRONMENT_LAYER = "dev/chime/config/environment.conf";

  private ConfigLoader() {}

  public static ChimeConfig load(Path file) {
    Config merged = parse(file);
    List<ConfigProblem> problems = new ArrayList<>();
    for (String key : merged.root().keySet()) {
      if (!key.equals("chime")) {
        problems.add(
            new ConfigProblem(
                describe(merged.root().get(key).origin()),
                key,
                "unknown setting; everything goes under chime { }"));
      }
    }
    Section chime = new Section(merged.getObject("chime"), "", problems);
    ChimeConfig config = new SettingsReader(chime, file).read();
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
    return config;
  }

  private static Config parse(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidConfigException(
          List.of(new ConfigProblem(file.toString(), "", "no such config file")));
    }
    ClassLoader loader = ConfigLoader.class.getClassLoader();
    try {
      Config fromFile =
          ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
      return ConfigFactory.parseResources(loader, ENVIRONMENT_LAYER)
          .withFallback(fromFile)
          .withFallback(ConfigFactory.parseResources(loader, "reference.conf"))
          .resolve();
    } catch (ConfigException e) {
      String origin = e.origin() == null ? file.toString() : describe(e.origin());
      throw new InvalidConfigException(List.of(new ConfigProblem(origin, "", stripOrigin(e))));
    }
  }

  private static String stripOrigin(ConfigException e) {
    String message = e.getMessage();
    String prefix = e.origin() == null ? null : e.origin().description() + ": ";
    return prefix != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }

  /** {@code conf/chime.conf:14}, {@code reference.conf:12}, or Typesafe's own description. */
  static String describe(ConfigOrigin origin) {
    String name = origin.filename() != null ? origin.filename() : origin.resource();
    if (name == null) {
      return origin.description();
    }
    return origin.lineNumber() > 0 ? name + ":" + origin.lineNumber() : name;
  }

  /** Reads the chime section into settings records. */
  private static final class SettingsReader {
    private final Section chime;
    private final Path file;

    SettingsReader(Section chime, Path file) {
      this.chime = chime;
      this.file = file;
    }

    ChimeConfig read() {
      String nodeId = chime.string("node-id").filter(s -> !s.isBlank()).orElseGet(ConfigLoader::defaultNodeId);
      ZoneId zone = zone(chime, "time-zone").orElse(ZoneId.of("UTC"));
      Path dataDir = Path.of(required(chime, "data-dir", chime.string("data-dir").filter(s -> !s.isBlank()), "data"));
      Duration shutdownTimeout = positive(chime, "shutdown-timeout");
      DatabaseSettings database = database(chime.section("database"));
      int threads = chime.section("scheduler").map(this::threads).orElse(1);
      ClusterSettings cluster = cluster(chime.section("cluster"));
      HttpJobSettings httpJobs = httpJobs(section(chime.section("http-jobs"), "http-jobs"));
      Map<String, DataSourceSettings> datasources =
          chime.section("datasources").map(SettingsReader::datasources).orElse(Map.of());
      Section javaJobs = section(chime.section("java-jobs"), "java-jobs");
      Path libDir = Path.of(required(javaJobs, "lib-dir", javaJobs.string("lib-dir").filter(s -> !s.isBlank()), "lib"));
      javaJobs.rejectUnknownKeys("lib-dir");
      HistorySettings history = history(section(chime.section("history"), "history"));
      ManagementSettings management = management(section(chime.section("management"), "management"));
      AdminSettings admin = admin(section(chime.section("admin"), "admin"));
      var calendars = WindowReader.calendars(chime.section("calendars"), file);
      JobDefaults defaults = JobDefaults.read(chime.section("job-defaults"), zone, httpJobs.connectTimeout(),
          datasources.keySet(), calendars);
      List<JobSpec> jobs = chime.section("jobs").map(s -> JobReader.readAll(s, defaults)).orElse(List.of());
      Duration clockOffset = chime.duration("clock-offset").orElse(Duration.ZERO);
      chime.rejectUnknownKeys("node-id, time-zone, data-dir, shutdown-timeout, clock-offset, database, scheduler, cluster, "
          + "management, admin, http-jobs, datasources, java-jobs, history, calendars, job-defaults, jobs");
      checkPoolSize(database, threads);
      return new ChimeConfig(file, nodeId, zone, dataDir, shutdownTimeout, database, threads, cluster,
          httpJobs, datasources, libDir, history, management, admin, jobs, clockOffset);
    }

    private static ManagementSettings management(Section m) {
      String host = required(m, "host", m.string("host").filter(s -> !s.isBlank()), "0.0.0.0");
      int port = port(m);
      m.rejectUnknownKeys("host, port");
      return new ManagementSettings(host, port);
    }

    private static AdminSettings admin(Section a) {
      String host = required(a, "host", a.string("host").filter(s -> !s.isBlank()), "127.0.0.1");
      int port = port(a);
      String auth = a.string("auth").orElse("token");
      if (!auth.equals("token") && !auth.equals("none")) {
        a.problem("auth", "expected token or none, found '" + auth + "'");
      }
      List<AdminSettings.ApiToken> tokens = new ArrayList<>();
      a.section("tokens").ifPresent(all -> {
        for (String name : all.keys()) {
          all.section(name).flatMap(t -> token(name, t)).ifPresent(tokens::add);
        }
      });
      a.rejectUnknownKeys("host, port, auth, tokens");
      return new AdminSettings(host, port, !auth.equals("none"), tokens);
    }

    private static Optional<AdminSettings.ApiToken> token(String name, Section t) {
      Optional<String> role = t.string("role");
      Optional<AdminSettings.Role> parsed = role.flatMap(r -> switch (r) {
        case "viewer" -> Optional.of(AdminSettings.Role.VIEWER);
        case "operator" -> Optional.of(AdminSettings.Role.OPERATOR);
        default -> {
          t.problem("role", "expected viewer or operator, found '" + r + "'");
          yield Optional.empty();
        }
      });
      if (role.isEmpty()) {
        t.problem("role", "required: viewer (GET only) or operator");
      }
      Optional<String> env = t.string("env");
      Optional<String> file = t.string("file");
      t.rejectUnknownKeys("role, env, file");
      if (env.isPresent() == file.isPresent()) {
        t.problem("exactly one of env (a variable's name) or file (a path) holds the token; never the token itself");
        return Optional.empty();
      }
      SecretRef secret = env.map(SecretRef::ofEnv).orElseGet(() -> SecretRef.ofFile(file.get()));
      return parsed.map(r -> new AdminSettings.ApiToken(name, r, secret));
    }

    private static int port(Section s) {
      int port = s.integer("port").orElse(0);
      if (port < 0 || port > 65535) {
        s.problem("port", "must be a port 1-65535, or 0 for any free port; found " + port);
      }
      return port;
    }

    private HttpJobSettings httpJobs(Section http) {
      List<String> hosts = http.stringList("allowed-hosts").orElse(List.of());
      Duration connect = positive(http, "connect-timeout");
      http.rejectUnknownKeys("allowed-hosts, connect-timeout");
      return new HttpJobSettings(hosts, connect);
    }

    private static Map<String, DataSourceSettings> datasources(Section all) {
      Map<String, DataSourceSettings> datasources = new java.util.TreeMap<>();
      for (String name : all.keys()) {
        all.section(name).ifPresent(ds -> {
          String url = required(ds, "url", ds.string("url").filter(u -> u.startsWith("jdbc:")), "");
          String user = ds.string("user").orElse("");
          Secret password = password(ds);
          int poolSize = ds.integer("pool-size").orElse(2);
          if (poolSize < 1 || poolSize > 50) {
            ds.problem("pool-size", "must be between 1 and 50, found " + poolSize);
          }
          ds.rejectUnknownKeys("url, user, password, password-file, pool-size");
          datasources.put(name, new DataSourceSettings(name, url, user, password, Math.max(1, poolSize)));
        });
      }
      return datasources;
    }

    private HistorySettings history(Section history) {
      Duration retention = positive(history, "retention");
      String cron = history.string("purge-cron").orElse("0 17 3 * * ?");
      try {
        cron = CronExpressions.toQuartz(cron);
      } catch (IllegalArgumentException e) {
        history.problem("purge-cron", e.getMessage());
      }
      int batch = history.integer("purge-batch-size").orElse(1000);
      if (batch < 1) {
        history.problem("purge-batch-size", "must be at least 1, found " + batch);
      }
      history.rejectUnknownKeys("retention, purge-cron, purge-batch-size");
      return new HistorySettings(retention, cron, Math.max(1, batch));
    }

    private DatabaseSettings database(Optional<Section> maybe) {
      Section db = section(maybe, "database");
      Optional<String> url = db.string("url").filter(s -> !s.isBlank());
      url.filter(u -> !u.startsWith("jdbc:postgresql:"))
          .ifPresent(u -> db.problem("url", "expected a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db), found '" + JdbcUrls.mask(u) + "'"));
      String user = db.string("user").orElse("");
      Secret password = password(db);
      Duration connectTimeout = positive(db, "connect-timeout");
      int poolSize = db.integer("pool-size").orElse(0);
      if (poolSize < 0) {
        db.problem("pool-size", "must be 0 (automatic) or a positive number, found " + poolSize);
      }
      int port = db.integer("embedded-port").orElse(0);
      if (port < 0 || port > 65535) {
        db.problem("embedded-port", "must be 0 (any free port) or a port 1-65535, found " + port);
      }
      db.rejectUnknownKeys("url, user, password, password-file, connect-timeout, pool-size, embedded-port");
      return new DatabaseSettings(url, user, password, connectTimeout, poolSize, port);
    }

    private static Secret password(Section db) {
      Optional<String> passwordFile = db.string("password-file").filter(s -> !s.isBlank());
      if (passwordFile.isEmpty()) {
        return new Secret(db.string("password").orElse(""));
      }
      db.string("password");
      try {
        List<String> lines = Files.readAllLines(Path.of(passwordFile.get()));
        return new Secret(lines.isEmpty() ? "" : lines.get(0).strip());
      } catch (IOException e) {
        db.problem("password-file", "cannot read '" + passwordFile.get() + "': " + e);
        return Secret.NONE;
      }
    }

    private int threads(Section scheduler) {
      int threads = scheduler.integer("threads").orElse(1);
      if (threads < 1 || threads > 200) {
        scheduler.problem("threads", "must be between 1 and 200, found " + threads);
      }
      scheduler.rejectUnknownKeys("threads");
      return Math.max(1, threads);
    }

    private void checkPoolSize(DatabaseSettings database, int threads) {
      if (database.poolSize() > 0 && database.poolSize() < threads + 3) {
        chime.section("database").ifPresent(db -> db.problem("pool-size",
            "must be at least scheduler.threads + 3 = " + (threads + 3)
                + " (Quartz's housekeeping needs 3 beyond its workers), found " + database.poolSize()));
      }
    }

    private ClusterSettings cluster(Optional<Section> maybe) {
      Section c = section(maybe, "cluster");
      String name = required(c, "name", c.string("name").filter(s -> !s.isBlank()), "chime");
      Duration checkIn = positive(c, "check-in-interval");
      Duration misfire = positive(c, "misfire-threshold");
      Duration idleWait = positive(c, "idle-wait");
      int batchSize = c.integer("batch-size").orElse(1);
      if (batchSize < 1) {
        c.problem("batch-size", "must be at least 1, found " + batchSize);
      }
      Duration batchWindow = c.duration("batch-window").orElse(Duration.ZERO);
      if (batchWindow.isNegative()) {
        c.problem("batch-window", "must not be negative, found " + Durations.format(batchWindow));
      }
      Duration maxClockSkew = positive(c, "max-clock-skew");
      c.rejectUnknownKeys("name, check-in-interval, misfire-threshold, idle-wait, batch-size, batch-window, max-clock-skew");
      return new ClusterSettings(name, checkIn, misfire, idleWait, Math.max(1, batchSize), batchWindow, maxClockSkew);
    }

    private Section section(Optional<Section> maybe, String key) {
      return maybe.orElseGet(() -> {
        chime.problem(key, "required; see reference.conf");
        return new Section(ConfigFactory.empty().root(), key, new ArrayList<>());
      });
    }
  }

  static Optional<ZoneId> zone(Section section, String key) {
    return section.string(key).flatMap(id -> {
      try {
        return Optional.of(ZoneId.of(id));
      } catch (RuntimeException e) {
        section.problem(key, "unknown time zone '" + id + "'; expected an IANA id such as UTC or Europe/Paris");
        return Optional.empty();
      }
    });
  }

  static Duration positive(Section section, String key) {
    Optional<Duration> value = section.duration(key);
    if (value.isEmpty() && !section.has(key)) {
      section.problem(key, "required: a duration such as 30s");
    }
    value.filter(d -> d.isZero() || d.isNegative())
        .ifPresent(d -> section.problem(key, "must be positive, found " + Durations.format(d)));
    return value.filter(d -> !d.isZero() && !d.isNegative()).orElse(Duration.ofSeconds(1));
  }

  static <T> T required(Section section, String key, Optional<T> value, T placeholder) {
    if (value.isEmpty()) {
      section.problem(key, section.has(key) ? "must not be empty" : "required; see reference.conf");
    }
    return value.orElse(placeholder);
  }

  private static String defaultNodeId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
    }
    return host + "-" + ProcessHandle.current().pid();
  }
}
