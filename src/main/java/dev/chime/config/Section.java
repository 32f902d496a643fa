package dev.chime.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One HOCON object read field by field. Every read that fails adds a {@link ConfigProblem} (with
 * the value's origin and its path) instead of throwing, so one pass reports every problem; the keys
 * never read are the unknown ones.
 */
final class Section {

  private final ConfigObject object;
  private final Config config;
  private final String path;
  private final List<ConfigProblem> problems;
  private final Set<String> read = new HashSet<>();

  Section(ConfigObject object, String path, List<ConfigProblem> problems) {
    this.object = object;
    this.config = object.toConfig();
    this.path = path;
    this.problems = problems;
  }

  String path() {
    return path;
  }

  Set<String> keys() {
    return new TreeSet<>(object.keySet());
  }

  boolean has(String key) {
    ConfigValue value = object.get(key);
    return value != null && value.valueType() != ConfigValueType.NULL;
  }

  Optional<String> string(String key) {
    return get(key, config::getString, "a string");
  }

  Optional<Boolean> bool(String key) {
    return get(key, config::getBoolean, "true or false");
  }

  Optional<Integer> integer(String key) {
    return get(key, config::getInt, "a whole number");
  }

  Optional<Duration> duration(String key) {
    return get(key, config::getDuration, "a duration such as 500ms, 30s, 5m or 1h");
  }

  Optional<Long> bytes(String key) {
    return get(key, config::getBytes, "a size such as 512, 64KiB or 1MiB");
  }

  Optional<List<String>> stringList(String key) {
    return get(key, config::getStringList, "a list of strings such as [\"/usr/bin/env\", \"true\"]");
  }

  Optional<Section> section(String key) {
    read.add(key);
    if (!has(key)) {
      return Optional.empty();
    }
    ConfigValue value = object.get(key);
    if (value.valueType() != ConfigValueType.OBJECT) {
      problem(key, "expected an object { ... }, found " + describe(value));
      return Optional.empty();
    }
    return Optional.of(new Section((ConfigObject) value, child(key), problems));
  }

  /** The raw value at {@code key} (marked as read), for settings that take several shapes. */
  Optional<ConfigValue> value(String key) {
    read.add(key);
    return has(key) ? Optional.of(object.get(key)) : Optional.empty();
  }

  /** An object whose values are all strings, e.g. an environment. */
  Optional<Map<String, String>> stringMap(String key) {
    return section(key).map(Section::allStrings);
  }

  private Map<String, String> allStrings() {
    Map<String, String> values = new LinkedHashMap<>();
    for (String key : keys()) {
      string(key).ifPresent(v -> values.put(key, v));
    }
    return values;
  }

  /** Every key present that no read asked for. */
  void rejectUnknownKeys(String expected) {
    for (String key : keys()) {
      if (!read.contains(key)) {
        problem(key, "unknown setting; expected one of: " + expected);
      }
    }
  }

  /** A problem with the value at {@code key} (or with this object when the key is absent). */
  void problem(String key, String message) {
    ConfigValue value = object.get(key);
    ConfigOrigin origin = value != null ? value.origin() : object.origin();
    problems.add(new ConfigProblem(ConfigLoader.describe(origin), child(key), message));
  }

  /** A problem with this object as a whole. */
  void problem(String message) {
    problems.add(new ConfigProblem(ConfigLoader.describe(object.origin()), path, message));
  }

  String child(String key) {
    String quoted = ConfigUtil.joinPath(key);
    return path.isEmpty() ? quoted : path + "." + quoted;
  }

  private <T> Optional<T> get(String key, Function<String, T> getter, String expected) {
    read.add(key);
    if (!has(key)) {
      return Optional.empty();
    }
    try {
      return Optional.of(getter.apply(ConfigUtil.joinPath(key)));
    } catch (ConfigException e) {
      problem(key, "expected " + expected + ", found " + describe(object.get(key)));
      return Optional.empty();
    }
  }

  private static String describe(ConfigValue value) {
    return switch (value.valueType()) {
      case OBJECT -> "an object";
      case LIST -> "a list";
      case STRING -> "'" + value.unwrapped() + "'";
      default -> String.valueOf(value.unwrapped());
    };
  }

}
