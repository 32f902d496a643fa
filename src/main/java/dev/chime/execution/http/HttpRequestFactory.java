package dev.chime.execution.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.chime.ChimeException;
import dev.chime.config.HttpSpec;
import dev.chime.config.Placeholders;
import dev.chime.config.SecretRef;
import dev.chime.execution.RunContext;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an {@link HttpSpec} and a run into the request to send: placeholders expanded in the URL,
 * header values and body (inside string values only, for a JSON body), secrets resolved, and the
 * run's headers added.
 *
 * <p>Header precedence, lowest first: {@code headers}, {@code secretHeaders}, the bearer token
 * ({@code Authorization}), then chime's own {@code Idempotency-Key} and {@code X-Chime-*} headers.
 * A job header naming one of chime's own is ignored (with a warning): the idempotency contract and
 * the run identification cannot be overridden by configuration.
 */
final class HttpRequestFactory {

  private static final Logger log = LoggerFactory.getLogger(HttpRequestFactory.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpRequestFactory() {}

  /** The expanded target URL. */
  static URI uri(HttpSpec spec, RunContext context) {
    String url = Placeholders.expand(spec.url(), context.placeholderValues());
    try {
      return URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new ChimeException("http job " + context.job() + " has an invalid url '" + url + "': "
          + e.getMessage(), e);
    }
  }

  static HttpRequest build(HttpSpec spec, RunContext context, URI uri) {
    Map<String, String> values = context.placeholderValues();
    Map<String, String> headers = headers(spec, context, values);
    BodyPublisher body = spec.body()
        .map(text -> publisher(spec.jsonBody() ? expandJson(text, values) : Placeholders.expand(text, values)))
        .orElseGet(BodyPublishers::noBody);
    if (spec.body().isPresent() && !headers.containsKey("Content-Type")) {
      headers.put("Content-Type", spec.jsonBody() ? "application/json" : "text/plain; charset=utf-8");
    }
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri).method(spec.method().toUpperCase(Locale.ROOT), body);
    headers.forEach((name, value) -> addHeader(builder, spec, name, value));
    return builder.build();
  }

  /** The headers to send, keyed case-insensitively, later sources overriding earlier ones. */
  private static Map<String, String> headers(
      HttpSpec spec, RunContext context, Map<String, String> values) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    spec.headers().forEach((name, value) -> {
      if (isReserved(name)) {
        log.warn("http job {}: header {} is set by chime and cannot be overridden; ignoring it",
            context.job(), name);
      } else {
        headers.put(name, Placeholders.expand(value, values));
      }
    });
    spec.secretHeaders().forEach((name, ref) -> {
      if (isReserved(name)) {
        log.warn("http job {}: secret header {} is set by chime and cannot be overridden; ignoring it",
            context.job(), name);
      } else {
        headers.put(name, resolve(ref));
      }
    });
    spec.bearerToken().ifPresent(ref -> headers.put("Authorization", "Bearer " + resolve(ref)));
    headers.putAll(runHeaders(context));
    return headers;
  }

  private static Map<String, String> runHeaders(RunContext context) {
    Map<String, String> run = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    run.put("Idempotency-Key", context.idempotencyKey());
    run.put("X-Chime-Job", context.job());
    run.put("X-Chime-Run-Id", Long.toString(context.runId()));
    run.put("X-Chime-Scheduled-Fire-Time", context.scheduledFireTime().toString());
    run.put("X-Chime-Actual-Fire-Time", context.actualFireTime().toString());
    run.put("X-Chime-Fire-Instance-Id", context.fireInstanceId());
    run.put("X-Chime-Attempt", Integer.toString(context.attempt()));
    run.put("X-Chime-Node", context.node());
    run.put("X-Chime-Recovering", Boolean.toString(context.recovering()));
    return run;
  }

  private static boolean isReserved(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.equals("idempotency-key") || lower.startsWith("x-chime-");
  }

  private static String resolve(SecretRef ref) {
    // SecretRef's own exceptions name the reference, never the value.
    return ref.resolve();
  }

  /**
   * Adds one header. The JDK's message for a bad value may quote it, so the exception thrown here
   * names the header only: a secret value never reaches a message.
   */
  private static void addHeader(HttpRequest.Builder builder, HttpSpec spec, String name, String value) {
    try {
      builder.header(name, value);
    } catch (IllegalArgumentException e) {
      boolean secret = spec.secretHeaders().keySet().stream().anyMatch(name::equalsIgnoreCase)
          || (name.equalsIgnoreCase("Authorization") && spec.bearerToken().isPresent());
      throw new ChimeException("http header '" + name + "' cannot be sent"
          + (secret ? " (its value is invalid or the name is restricted)" : ": " + e.getMessage()));
    }
  }

  private static BodyPublisher publisher(String text) {
    return BodyPublishers.ofString(text, StandardCharsets.UTF_8);
  }

  /** The JSON text with placeholders expanded inside string values only, re-serialised. */
  static String expandJson(String json, Map<String, String> values) {
    JsonNode tree;
    try {
      tree = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ChimeException("http body is not valid JSON: " + e.getOriginalMessage(), e);
    }
    JsonNode expanded = expandNode(tree, values);
    try {
      return JSON.writeValueAsString(expanded);
    } catch (JsonProcessingException e) {
      throw new ChimeException("cannot write the expanded http JSON body: " + e.getOriginalMessage(), e);
    }
  }

  private static JsonNode expandNode(JsonNode node, Map<String, String> values) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return TextNode.valueOf(Placeholders.expand(node.textValue(), values));
    }
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        object.set(name, expandNode(object.get(name), values));
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, expandNode(array.get(i), values));
      }
    }
    return node;
  }
}
