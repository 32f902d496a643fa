package dev.chime.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code http} job kind: one request. {@code url}, {@code headers} and {@code body} may hold
 * placeholders; a JSON body is kept as JSON text. Secret header values and the bearer token are
 * references, resolved when the request is sent.
 *
 * @param successCodes status codes or classes that count as success: {@code "200"}, {@code "2xx"}
 */
public record HttpSpec(
    String method,
    String url,
    Map<String, String> headers,
    Map<String, SecretRef> secretHeaders,
    Optional<SecretRef> bearerToken,
    Optional<String> body,
    boolean jsonBody,
    Duration connectTimeout,
    List<String> successCodes,
    boolean followRedirects,
    boolean insecure)
    implements KindSpec {

  public HttpSpec {
    headers = Map.copyOf(headers);
    secretHeaders = Map.copyOf(secretHeaders);
    successCodes = List.copyOf(successCodes);
  }

  @Override
  public String kind() {
    return "http";
  }
}
