package dev.chime.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests: it rejects what
 * Prometheus would (bad names, unescaped label values, unparsable values, duplicate series, a
 * family's samples split up or before its TYPE, a histogram without {@code le}), and then answers
 * which samples exist with which value.
 */
final class PrometheusText {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");
  private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

  /** One sample: its name, labels (sorted) and value. */
  record Sample(String name, Map<String, String> labels, double value) {}

  final Map<String, String> types = new HashMap<>();
  final Map<String, String> help = new HashMap<>();
  final List<Sample> samples = new ArrayList<>();

  static PrometheusText parse(String text) {
    PrometheusText parsed = new PrometheusText();
    Set<String> closed = new java.util.HashSet<>();
    Set<String> seen = new java.util.HashSet<>();
    String current = null;
    int lineNo = 0;
    for (String line : text.split("\n", -1)) {
      lineNo++;
      if (line.isEmpty()) {
        continue;
      }
      String family = line.startsWith("#") ? parsed.comment(line, lineNo) : parsed.sample(line, lineNo, seen);
      if (family == null || family.equals(current)) {
        continue;
      }
      check(!closed.contains(family), lineNo, "family " + family + " continues after another family");
      if (current != null) {
        closed.add(current);
      }
      current = family;
    }
    check(text.endsWith("\n"), lineNo, "the exposition must end with a newline");
    return parsed;
  }

  private String comment(String line, int lineNo) {
    String[] parts = line.split(" ", 4);
    if (parts.length < 3 || !(parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
      return null; // a plain comment
    }
    check(NAME.matcher(parts[2]).matches(), lineNo, "bad metric name " + parts[2]);
    Map<String, String> target = parts[1].equals("TYPE") ? types : help;
    check(!target.containsKey(parts[2]), lineNo, "second " + parts[1] + " for " + parts[2]);
    String value = parts.length > 3 ? parts[3] : "";
    if (parts[1].equals("TYPE")) {
      check(TYPES.contains(value), lineNo, "unknown type " + value);
      check(samples.stream().noneMatch(s -> familyOf(s.name()).equals(parts[2])), lineNo, "TYPE after samples of " + parts[2]);
    }
    target.put(parts[2], value);
    return parts[2];
  }

  private String sample(String line, int lineNo, Set<String> seen) {
    Matcher name = NAME.matcher(line);
    check(name.lookingAt(), lineNo, "no metric name: " + line);
    String metric = name.group();
    int at = name.end();
    Map<String, String> labels = new TreeMap<>();
    if (at < line.length() && line.charAt(at) == '{') {
      at = labels(line, at + 1, labels, lineNo);
    }
    check(at < line.length() && line.charAt(at) == ' ', lineNo, "no space before the value: " + line);
    String[] rest = line.substring(at + 1).split(" ");
    check(rest.length <= 2, lineNo, "trailing text: " + line);
    double value = value(rest[0], lineNo);
    if (rest.length == 2) {
      check(rest[1].matches("-?[0-9]+"), lineNo, "bad timestamp " + rest[1]);
    }
    String family = familyOf(metric);
    if ("histogram".equals(types.get(family)) && metric.endsWith("_bucket")) {
      check(labels.containsKey("le"), lineNo, "bucket without le: " + line);
    }
    check(seen.add(metric + labels), lineNo, "duplicate series " + metric + labels);
    samples.add(new Sample(metric, labels, value));
    return family;
  }

  private static int labels(String line, int at, Map<String, String> labels, int lineNo) {
    while (line.charAt(at) != '}') {
      Matcher label = LABEL.matcher(line).region(at, line.length());
      check(label.lookingAt(), lineNo, "bad label at column " + at + ": " + line);
      check(labels.put(label.group(1), unescape(label.group(2))) == null, lineNo, "repeated label " + label.group(1));
      at = label.end();
      if (line.charAt(at) == ',') {
        at++;
      } else {
        check(line.charAt(at) == '}', lineNo, "expected , or } at column " + at + ": " + line);
      }
    }
    return at + 1;
  }

  private static double value(String text, int lineNo) {
    switch (text) {
      case "NaN": return Double.NaN;
      case "+Inf": return Double.POSITIVE_INFINITY;
      case "-Inf": return Double.NEGATIVE_INFINITY;
      default:
        check(text.matches("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?"), lineNo, "bad value " + text);
        return Double.parseDouble(text);
    }
  }

  private static String unescape(String value) {
    return value.replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
  }

  /** The family a sample belongs to: its name less a histogram or summary suffix when that family is typed. */
  private String familyOf(String metric) {
    for (String suffix : List.of("_bucket", "_count", "_sum")) {
      String base = metric.endsWith(suffix) ? metric.substring(0, metric.length() - suffix.length()) : null;
      if (base != null && ("histogram".equals(types.get(base)) || "summary".equals(types.get(base)))) {
        return base;
      }
    }
    return metric;
  }

  private static void check(boolean ok, int lineNo, String problem) {
    if (!ok) {
      throw new IllegalArgumentException("line " + lineNo + ": " + problem);
    }
  }

  /** The value of the one sample with this name and exactly these labels ({@code "k", "v", ...}). */
  double value(String metric, String... labels) {
    Map<String, String> wanted = new TreeMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      wanted.put(labels[i], labels[i + 1]);
    }
    return samples.stream().filter(s -> s.name().equals(metric) && s.labels().equals(wanted)).findFirst()
        .map(Sample::value).orElseThrow(() -> new AssertionError("no sample " + metric + wanted));
  }

  /** Samples of one metric name. */
  List<Sample> all(String metric) {
    return samples.stream().filter(s -> s.name().equals(metric)).toList();
  }

  /** Each metric family's TYPE, in order of appearance. */
  Map<String, String> families() {
    return new LinkedHashMap<>(types);
  }
}
