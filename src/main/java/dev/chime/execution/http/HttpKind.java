package dev.chime.execution.http;

import dev.chime.ChimeException;
import dev.chime.config.HttpSpec;
import dev.chime.execution.Cancellation;
import dev.chime.execution.KindRunner;
import dev.chime.execution.RunContext;
import dev.chime.execution.command.BoundedOutput;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code http} kind: one request per run, sent with the JDK {@link HttpClient}.
 *
 * <ul>
 *   <li>Placeholders are expanded in the URL, header values and body; in a JSON body only inside
 *       string values, and the body is re-serialised, so a value holding quotes stays valid JSON.
 *   <li>The target host is checked against the {@link HostPolicy} before anything is sent.
 *   <li>Redirects are not followed unless {@code followRedirects}; TLS is verified unless {@code
 *       insecure}, which turns off certificate-chain <em>and</em> host-name verification for that
 *       job's client only (see {@link HttpClients}).
 *   <li>The request itself has no timeout besides {@code connectTimeout}: the run's timeout
 *       arrives as {@link Cancellation}, which aborts the exchange and closes a body being read.
 *   <li>The response body is kept as a bounded excerpt ({@link BoundedOutput}); every byte is
 *       counted. Success is a status matching {@code successCodes} ({@code "204"}, {@code "2xx"}).
 *   <li>Headers and their precedence are described in {@link HttpRequestFactory}. Secret header
 *       values and the bearer token appear in no message, log line or result.
 * </ul>
 */
public final class HttpKind implements KindRunner<HttpSpec> {

  private static final Logger log = LoggerFactory.getLogger(HttpKind.class);
  private static final String CANCELLED = "request cancelled";

  private final HostPolicy policy;
  private final HttpClients clients = new HttpClients();

  public HttpKind(HostPolicy policy) {
    this.policy = policy;
  }

  @Override
  public KindResult run(HttpSpec spec, RunContext context, long outputLimit, Cancellation cancellation)
      throws InterruptedException {
    URI uri = HttpRequestFactory.uri(spec, context);
    String target = spec.method().toUpperCase(Locale.ROOT) + " " + uri;
    try {
      policy.check(uri);
    } catch (UnknownHostException e) {
      throw new ChimeException(target + " failed: unknown host " + uri.getHost(), e);
    }
    HttpRequest request = HttpRequestFactory.build(spec, context, uri);
    HttpClient client = clients.client(spec.followRedirects(), spec.insecure(), spec.connectTimeout());
    log.debug("http job {} run {}: {}", context.job(), context.runId(), target);
    BoundedOutput body = new BoundedOutput((int) Math.min(Math.max(outputLimit, 0), Integer.MAX_VALUE));
    AtomicReference<InputStream> stream = new AtomicReference<>();
    CompletableFuture<HttpResponse<InputStream>> future =
        client.sendAsync(request, BodyHandlers.ofInputStream());
    cancellation.onCancel(() -> {
      future.cancel(true);
      closeQuietly(stream.get());
    });
    HttpResponse<InputStream> response = await(future, target, cancellation);
    if (response == null) {
      return KindResult.of(false, CANCELLED, "", 0);
    }
    int status = response.statusCode();
    boolean complete = readBody(response.body(), stream, body, target, cancellation);
    if (!complete) {
      return KindResult.of(false, CANCELLED, body.excerpt(), body.totalBytes()).withHttpStatus(status);
    }
    boolean success = matches(status, spec.successCodes());
    String message = success ? null : "HTTP " + status + " (expected " + expected(spec.successCodes()) + ")";
    log.debug("http job {} run {}: {} answered {}", context.job(), context.runId(), target, status);
    return KindResult.of(success, message, body.excerpt(), body.totalBytes()).withHttpStatus(status);
  }

  /** The response once its headers are in, or null when the run was cancelled first. */
  private static HttpResponse<InputStream> await(
      CompletableFuture<HttpResponse<InputStream>> future, String target, Cancellation cancellation)
      throws InterruptedException {
    try {
      return future.get();
    } catch (CancellationException e) {
      return null;
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      if (cancellation.isCancelled()) {
        return null;
      }
      throw new ChimeException(target + " failed: " + describe(e.getCause()), e.getCause());
    }
  }

  /**
   * Copies the body into {@code sink}; false when the run was cancelled before it was all read.
   * The stream is published to {@code holder} so a cancel callback can close it under a blocked
   * read.
   */
  private static boolean readBody(InputStream in, AtomicReference<InputStream> holder,
      BoundedOutput sink, String target, Cancellation cancellation) {
    holder.set(in);
    if (cancellation.isCancelled()) {
      closeQuietly(in);
      return false;
    }
    byte[] buffer = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        sink.write(buffer, 0, n);
        if (cancellation.isCancelled()) {
          return false;
        }
      }
      return !cancellation.isCancelled();
    } catch (IOException e) {
      if (cancellation.isCancelled()) {
        return false;
      }
      throw new ChimeException(target + " failed while reading the response body: " + describe(e), e);
    }
  }

  /** Whether {@code status} matches one of {@code codes}: {@code "204"}, or a class {@code "2xx"}. */
  static boolean matches(int status, List<String> codes) {
    if (codes.isEmpty()) {
      return status / 100 == 2;
    }
    String text = Integer.toString(status);
    for (String code : codes) {
      String c = code.strip().toLowerCase(Locale.ROOT);
      if (c.equals(text)) {
        return true;
      }
      if (c.length() == 3 && c.endsWith("xx") && c.charAt(0) == text.charAt(0) && text.length() == 3) {
        return true;
      }
    }
    return false;
  }

  private static String expected(List<String> codes) {
    return codes.isEmpty() ? "2xx" : String.join(", ", codes);
  }

  /** A cause in words: its own message, or the first message down its causes, or its type. */
  static String describe(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && !message.isBlank()) {
        return message;
      }
    }
    if (error instanceof ConnectException) {
      return "Connection refused";
    }
    return error == null ? "unknown error" : error.getClass().getSimpleName();
  }

  private static void closeQuietly(InputStream in) {
    if (in == null) {
      return;
    }
    try {
      in.close();
    } catch (IOException e) {
      log.debug("Closing a cancelled http response body failed", e);
    }
  }
}
