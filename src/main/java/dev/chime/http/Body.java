package dev.chime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** A request's JSON object body (empty when none was sent); a bad field is a 400 naming it. */
final class Body {

  private final ObjectNode node;

  private Body(ObjectNode node) {
    this.node = node;
  }

  static Body parse(String text) {
    if (text == null || text.isBlank()) {
      return new Body(Json.MAPPER.createObjectNode());
    }
    try {
      JsonNode node = Json.MAPPER.readTree(text);
      if (node instanceof ObjectNode object) {
        return new Body(object);
      }
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("body", "not valid JSON: " + e.getOriginalMessage());
    }
    throw ApiError.badRequest("body", "must be a JSON object");
  }

  /** The fields as sent, for the audit record. */
  Map<String, Object> fields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    node.properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
    return fields;
  }

  /** Refuses any field but these: a misspelt field would otherwise be silently ignored. */
  Body allowOnly(String... names) {
    Set<String> allowed = Set.of(names);
    node.fieldNames().forEachRemaining(name -> {
      if (!allowed.contains(name)) {
        throw ApiError.badRequest(name, "unknown field; expected "
            + (allowed.isEmpty() ? "no body" : "one of " + String.join(", ", new TreeSet<>(allowed))));
      }
    });
    return this;
  }

  Optional<String> text(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw ApiError.badRequest(field, "must be a string");
    }
    return Optional.of(value.asText());
  }

  String requiredText(String field) {
    return text(field).filter(t -> !t.isBlank()).orElseThrow(() -> ApiError.badRequest(field, "is required"));
  }

  Optional<Instant> instant(String field) {
    return text(field).map(t -> Params.instant(field, t));
  }

  /** {@code field}: an object of strings, numbers or booleans, as the job parameters they override. */
  Map<String, String> parameters(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Map.of();
    }
    if (!value.isObject()) {
      throw ApiError.badRequest(field, "must be an object of parameter names to values");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    value.properties().forEach(e -> {
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw ApiError.badRequest(field + "." + e.getKey(), "must be a string, number or boolean");
      }
      parameters.put(e.getKey(), e.getValue().asText());
    });
    return parameters;
  }
}
