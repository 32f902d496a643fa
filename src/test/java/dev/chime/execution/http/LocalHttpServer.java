package dev.chime.execution.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 for {@link HttpKindTest}: {@code /ok} (200), {@code /fail}
 * (500), {@code /empty} (204), {@code /unavailable} (503), {@code /redirect} (302 to {@code
 * /target}), {@code /slow} (answers once released, or after 30 s), {@code /slow-body} (streams a
 * little, then waits likewise) and {@code /large} (5 MiB). Requests are recorded in {@link
 * #received}.
 */
final class LocalHttpServer implements AutoCloseable {

  record Received(String method, URI uri, Headers headers, String body) {}

  final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
  final AtomicInteger targetHits = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final HttpServer server;

  LocalHttpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    server.createContext("/ok", ex -> respond(ex, 200, "ok:done"));
    server.createContext("/fail", ex -> respond(ex, 500, "boom"));
    server.createContext("/empty", ex -> respond(ex, 204, null));
    server.createContext("/unavailable", ex -> respond(ex, 503, "later"));
    server.createContext("/redirect", ex -> {
      ex.getResponseHeaders().add("Location", "/target");
      respond(ex, 302, "moved");
    });
    server.createContext("/target", ex -> {
      targetHits.incrementAndGet();
      respond(ex, 200, "target");
    });
    server.createContext("/slow", ex -> {
      record(ex);
      awaitRelease();
      respond(ex, 200, "late");
    });
    server.createContext("/slow-body", this::slowBody);
    server.createContext("/large", this::large);
    server.start();
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void respond(HttpExchange ex, int status, String body) throws IOException {
    if (!ex.getRequestURI().getPath().startsWith("/slow")) {
      record(ex);
    }
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void record(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    received.add(new Received(ex.getRequestMethod(), ex.getRequestURI(), ex.getRequestHeaders(), body));
  }

  private void awaitRelease() {
    try {
      release.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void slowBody(HttpExchange ex) throws IOException {
    record(ex);
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    out.write("partial".getBytes(StandardCharsets.UTF_8));
    out.flush();
    awaitRelease();
    ex.close();
  }

  private void large(HttpExchange ex) throws IOException {
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) 'a');
    ex.sendResponseHeaders(200, 80L * chunk.length);
    try (OutputStream out = ex.getResponseBody()) {
      for (int i = 0; i < 80; i++) {
        out.write(chunk);
      }
    }
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
