package dev.chime.execution.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import dev.chime.config.HttpSpec;
import dev.chime.config.SecretRef;
import dev.chime.execution.Cancellation;
import dev.chime.execution.KindRunner.KindResult;
import dev.chime.execution.RunContext;
import dev.chime.execution.http.LocalHttpServer.Received;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpKindTest {

  private static final int LIMIT = 64 * 1024;
  private static final String TOKEN = "s3cr3t-t0ken-value";
  private static final String SECRET_ENV = "PATH";

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final HttpKind kind = new HttpKind(new HostPolicy(List.of()));
  private LocalHttpServer server;
  private LinkedBlockingQueue<Received> received;
  private Level previousLevel;
  private String base;
  @TempDir Path dir;

  @BeforeEach
  void startServer() throws IOException {
    server = new LocalHttpServer();
    received = server.received;
    base = server.base();
    logs.start();
    Logger chime = (Logger) LoggerFactory.getLogger("dev.chime");
    previousLevel = chime.getLevel();
    chime.setLevel(Level.DEBUG);
    chime.addAppender(logs);
  }

  @AfterEach
  void stopServer() {
    Logger chime = (Logger) LoggerFactory.getLogger("dev.chime");
    chime.detachAppender(logs);
    chime.setLevel(previousLevel);
    server.close();
  }

  private static RunContext context() {
    return new RunContext(42, "sync-orders", Instant.parse("2024-05-01T10:00:00Z"),
        Instant.parse("2024-05-01T10:00:01.500Z"), "fire-7", 2, "node-a", false,
        Map.of("batch", "100", "note", "he said \"hi\" \\ done"), java.util.Optional.empty(),
        Instant.parse("2024-05-01T10:00:00Z"));
  }

  private static HttpSpec get(String url) {
    return spec("GET", url, List.of("2xx"), false);
  }

  private static HttpSpec spec(String method, String url, List<String> codes, boolean follow) {
    return new HttpSpec(method, url, Map.of(), Map.of(), Optional.empty(), Optional.empty(), false,
        Duration.ofSeconds(5), codes, follow, false);
  }

  private HttpSpec fullSpec(String url) throws IOException {
    Path tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, TOKEN + "\n");
    String json = "{\"note\":\"${params.note}\",\"n\":1,\"list\":[\"${run.runId}\",true],"
        + "\"nested\":{\"batch\":\"${params.batch}\",\"key\":\"${run.idempotencyKey}\"}}";
    return new HttpSpec("post", url,
        Map.of("X-Trace", "${run.job}-${run.attempt}", "Idempotency-Key", "spoofed"),
        Map.of("X-Api-Key", SecretRef.ofEnv(SECRET_ENV)),
        Optional.of(SecretRef.ofFile(tokenFile.toString())), Optional.of(json), true,
        Duration.ofSeconds(5), List.of("2xx"), false, false);
  }

  private KindResult run(HttpSpec spec) throws Exception {
    return kind.run(spec, context(), LIMIT, new Cancellation());
  }

  private void assertNoSecrets(String text) {
    assertThat(text).doesNotContain(TOKEN).doesNotContain(System.getenv(SECRET_ENV));
  }

  private void assertNoSecretsLogged() {
    logs.list.forEach(event -> assertNoSecrets(event.getFormattedMessage()));
  }

  @Test
  void successSendsRunHeadersSecretsAndReturnsBody() throws Exception {
    KindResult result = run(fullSpec(base + "/ok?batch=${params.batch}"));

    assertThat(result.success()).isTrue();
    assertThat(result.message()).isNull();
    assertThat(result.httpStatus()).isEqualTo(200);
    assertThat(result.output()).isEqualTo("ok:done");
    assertThat(result.outputBytes()).isEqualTo(7);
    Received request = received.poll(5, TimeUnit.SECONDS);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.uri().getQuery()).isEqualTo("batch=100");
    Headers h = request.headers();
    assertThat(h.get("Idempotency-Key")).containsExactly("sync-orders@2024-05-01T10:00:00Z");
    assertThat(h.getFirst("X-Chime-Attempt")).isEqualTo("2");
    assertThat(h.getFirst("X-Chime-Job")).isEqualTo("sync-orders");
    assertThat(h.getFirst("X-Chime-Run-Id")).isEqualTo("42");
    assertThat(h.getFirst("X-Chime-Scheduled-Fire-Time")).isEqualTo("2024-05-01T10:00:00Z");
    assertThat(h.getFirst("X-Chime-Actual-Fire-Time")).isEqualTo("2024-05-01T10:00:01.500Z");
    assertThat(h.getFirst("X-Chime-Fire-Instance-Id")).isEqualTo("fire-7");
    assertThat(h.getFirst("X-Chime-Node")).isEqualTo("node-a");
    assertThat(h.getFirst("X-Chime-Recovering")).isEqualTo("false");
    assertThat(h.getFirst("X-Trace")).isEqualTo("sync-orders-2");
    assertThat(h.getFirst("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(h.getFirst("X-Api-Key")).isEqualTo(System.getenv(SECRET_ENV));
    assertThat(h.getFirst("Content-Type")).isEqualTo("application/json");
    assertNoSecrets(result.toString());
    assertNoSecretsLogged();
  }

  @Test
  void jsonBodyPlaceholdersExpandInsideStringsAndStayValidJson() throws Exception {
    run(fullSpec(base + "/ok"));

    JsonNode body = new ObjectMapper().readTree(received.poll(5, TimeUnit.SECONDS).body());
    assertThat(body.get("note").asText()).isEqualTo("he said \"hi\" \\ done");
    assertThat(body.get("n").asInt()).isEqualTo(1);
    assertThat(body.get("list").get(0).asText()).isEqualTo("42");
    assertThat(body.get("list").get(1).asBoolean()).isTrue();
    assertThat(body.get("nested").get("batch").asText()).isEqualTo("100");
    assertThat(body.get("nested").get("key").asText()).isEqualTo("sync-orders@2024-05-01T10:00:00Z");
  }

  @Test
  void textBodyIsExpandedAndSentAsPlainText() throws Exception {
    HttpSpec spec = new HttpSpec("PUT", base + "/ok", Map.of("content-type", "text/csv"), Map.of(),
        Optional.empty(), Optional.of("batch,${params.batch}"), false, Duration.ofSeconds(5),
        List.of("2xx"), false, false);

    assertThat(run(spec).success()).isTrue();
    Received request = received.poll(5, TimeUnit.SECONDS);
    assertThat(request.method()).isEqualTo("PUT");
    assertThat(request.body()).isEqualTo("batch,100");
    assertThat(request.headers().get("Content-Type")).containsExactly("text/csv");
  }

  @Test
  void serverErrorIsAFailureWithStatusAndMessage() throws Exception {
    KindResult result = run(get(base + "/fail"));

    assertThat(result.success()).isFalse();
    assertThat(result.httpStatus()).isEqualTo(500);
    assertThat(result.message()).isEqualTo("HTTP 500 (expected 2xx)");
    assertThat(result.output()).isEqualTo("boom");
  }

  @Test
  void customSuccessCodesDecide() throws Exception {
    KindResult ok = run(spec("GET", base + "/ok", List.of("204"), false));
    assertThat(ok.success()).isFalse();
    assertThat(ok.message()).isEqualTo("HTTP 200 (expected 204)");

    assertThat(run(spec("DELETE", base + "/empty", List.of("204"), false)).success()).isTrue();
    assertThat(run(spec("GET", base + "/unavailable", List.of("2xx", "5XX"), false)).success()).isTrue();
  }

  @Test
  void cancellationAbortsASlowResponsePromptly() throws Exception {
    Cancellation cancellation = new Cancellation();
    CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS)
        .execute(() -> cancellation.cancel(Cancellation.Reason.TIMEOUT));

    long start = System.nanoTime();
    KindResult result = kind.run(get(base + "/slow"), context(), LIMIT, cancellation);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(result.success()).isFalse();
    assertThat(result.message()).isEqualTo("request cancelled");
  }

  @Test
  void cancellationClosesABodyBeingStreamed() throws Exception {
    Cancellation cancellation = new Cancellation();
    CompletableFuture<KindResult> run = CompletableFuture.supplyAsync(() -> {
      try {
        return kind.run(get(base + "/slow-body"), context(), LIMIT, cancellation);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(received.poll(5, TimeUnit.SECONDS)).isNotNull();
    Thread.sleep(200);
    cancellation.cancel(Cancellation.Reason.SHUTDOWN);

    await().atMost(Duration.ofSeconds(10)).until(run::isDone);
    KindResult result = run.join();
    assertThat(result.success()).isFalse();
    assertThat(result.message()).isEqualTo("request cancelled");
    assertThat(result.httpStatus()).isEqualTo(200);
  }

  @Test
  void connectionRefusedNamesTheUrlAndNoSecret() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/sync";

    assertThatThrownBy(() -> run(fullSpec(url)))
        .hasMessage("POST " + url + " failed: Connection refused")
        .satisfies(e -> assertNoSecrets(e.toString()));
    assertNoSecretsLogged();
  }

  @Test
  void redirectIsNotFollowedByDefault() throws Exception {
    KindResult result = run(get(base + "/redirect"));

    assertThat(result.success()).isFalse();
    assertThat(result.httpStatus()).isEqualTo(302);
    assertThat(result.message()).isEqualTo("HTTP 302 (expected 2xx)");
    assertThat(server.targetHits).hasValue(0);
  }

  @Test
  void redirectIsFollowedWhenAsked() throws Exception {
    KindResult result = run(spec("GET", base + "/redirect", List.of("2xx"), true));

    assertThat(result.success()).isTrue();
    assertThat(result.httpStatus()).isEqualTo(200);
    assertThat(result.output()).isEqualTo("target");
    assertThat(server.targetHits).hasValue(1);
  }

  @Test
  void largeBodyKeepsOnlyTheLimitButCountsEverything() throws Exception {
    KindResult result = kind.run(get(base + "/large"), context(), 1024, new Cancellation());

    assertThat(result.success()).isTrue();
    assertThat(result.outputBytes()).isEqualTo(80L * 64 * 1024);
    assertThat(result.output())
        .startsWith("a".repeat(512) + "\n[... ")
        .endsWith(" bytes dropped ...]\n" + "a".repeat(512));
    assertThat(result.output().length()).isLessThan(1100);
  }

  @Test
  void refusedHostIsNeverContacted() {
    HttpKind restricted = new HttpKind(new HostPolicy(List.of("orders.example.com")));

    assertThatThrownBy(() -> restricted.run(get(base + "/ok"), context(), LIMIT, new Cancellation()))
        .hasMessageContaining("is not in chime.http-jobs.allowed-hosts [orders.example.com]");
    assertThat(received).isEmpty();
  }
}
