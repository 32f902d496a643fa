package dev.chime.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.chime.ChimeException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link JobSpec} as canonical JSON text (sorted keys, ISO durations) — the form the store keeps
 * in the job's data, never a Java-serialised blob — and the hash that tells a changed definition
 * from an unchanged one.
 */
public final class JobSpecJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .addModule(new Jdk8Module())
          .addMixIn(KindSpec.class, KindSpecTypes.class)
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private JobSpecJson() {}

  public static String toJson(JobSpec spec) {
    try {
      return MAPPER.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new ChimeException("cannot write job '" + spec.name() + "' as JSON", e);
    }
  }

  public static JobSpec fromJson(String json) {
    try {
      return MAPPER.readValue(json, JobSpec.class);
    } catch (JsonProcessingException e) {
      throw new ChimeException("stored job definition is not readable: " + e.getOriginalMessage(), e);
    }
  }

  /** SHA-256 of the canonical JSON, hex. Equal definitions hash equal on every node. */
  public static String hash(JobSpec spec) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(toJson(spec).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  /** Parameters (a manual run's overrides) as a JSON object of strings. */
  public static String parametersToJson(Map<String, String> parameters) {
    try {
      return MAPPER.writeValueAsString(new TreeMap<>(parameters));
    } catch (JsonProcessingException e) {
      throw new ChimeException("cannot write parameters as JSON", e);
    }
  }

  public static Map<String, String> parametersFromJson(String json) {
    try {
      return MAPPER.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new ChimeException("run parameters are not readable: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * The definition as flat {@code field -> value} pairs ({@code kind.args}, {@code timeout}, ...),
   * for showing what changed field by field.
   */
  public static Map<String, String> fields(JobSpec spec) {
    Map<String, String> fields = new TreeMap<>();
    flatten("", MAPPER.valueToTree(spec), fields);
    fields.remove("name");
    return fields;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
    if (node.isObject() && node.size() > 0) {
      node.fields().forEachRemaining(
          e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), into));
    } else {
      into.put(prefix, node.isTextual() ? node.asText() : node.toString());
    }
  }

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = CommandSpec.class, name = "command"),
    @JsonSubTypes.Type(value = HttpSpec.class, name = "http"),
    @JsonSubTypes.Type(value = SqlSpec.class, name = "sql"),
    @JsonSubTypes.Type(value = JavaSpec.class, name = "java")
  })
  private interface KindSpecTypes {}
}
