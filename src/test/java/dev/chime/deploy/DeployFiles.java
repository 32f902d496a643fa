package dev.chime.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.typesafe.config.ConfigFactory;
import dev.chime.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The files under deploy/ (and the Dockerfile), read the way the tests need them. */
final class DeployFiles {

  /** Maven runs tests from the project's base directory. */
  static final Path ROOT = Path.of("").toAbsolutePath();
  static final Path DEPLOY = ROOT.resolve("deploy");
  static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();

  private DeployFiles() {}

  /** Every YAML file under deploy/. */
  static List<Path> yamlFiles() {
    try (Stream<Path> files = Files.walk(DEPLOY)) {
      return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * All documents of a (multi-document) YAML file, parsed by Jackson's YAML module. Jackson reports an
   * alias as its anchor's name and keeps merge keys ({@code <<: *anchor}) as plain keys, so documents
   * are built with SnakeYAML — the parser jackson-dataformat-yaml runs on — which resolves both as
   * Compose does, then turned into Jackson trees.
   */
  static List<JsonNode> yaml(Path file) {
    String text = read(file);
    try {
      // Jackson first: every document must parse with it.
      YAML.readerFor(JsonNode.class).readValues(text).readAll();
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
    List<JsonNode> docs = new ArrayList<>();
    for (Object doc : snakeYaml().loadAll(text)) {
      if (doc != null) {
        docs.add(JSON.valueToTree(doc));
      }
    }
    return docs;
  }

  static JsonNode yaml(String text) {
    return JSON.valueToTree(snakeYaml().load(text));
  }

  private static Yaml snakeYaml() {
    return new Yaml(new SafeConstructor(new LoaderOptions()));
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<JsonNode> iterable(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items;
  }

  /** A HOCON duration ("30s", "45"), as systemd and Kubernetes values are written. */
  static Duration duration(String text) {
    String value = text.trim().matches("\\d+") ? text.trim() + "s" : text.trim();
    return ConfigFactory.parseString("d = " + value).getDuration("d");
  }

  /** What `chime rules` prints, from the real command. */
  static String chimeRules() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), "rules");
    if (code != 0) {
      throw new IllegalStateException("chime rules exited " + code + ": " + err);
    }
    return out.toString();
  }

  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern IDENT = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");

  /**
   * The metric names a PromQL expression selects: what remains once strings, label matchers, range
   * selectors, grouping clauses, function names and keywords are gone. Grafana's
   * {@code label_values(METRIC, LABEL)} counts as METRIC.
   */
  static Set<String> metricNames(String promql) {
    String expr = promql.replaceAll("label_values\\(([^,()]+),\\s*[a-zA-Z_]\\w*\\s*\\)", "$1");
    expr = STRING.matcher(expr).replaceAll(" ");
    expr = expr.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ");
    expr = GROUPING.matcher(expr).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENT.matcher(expr);
    while (m.find()) {
      String name = m.group();
      boolean function = expr.substring(m.end()).stripLeading().startsWith("(");
      boolean partOfNumber = m.start() > 0 && (Character.isDigit(expr.charAt(m.start() - 1)) || expr.charAt(m.start() - 1) == '.');
      boolean variable = m.start() > 0 && expr.charAt(m.start() - 1) == '$';
      if (!function && !partOfNumber && !variable && !KEYWORDS.contains(name.toLowerCase())) {
        names.add(name);
      }
    }
    return names;
  }
}
