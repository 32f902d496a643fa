package dev.chime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chime.testing.ApiNode;
import dev.chime.testing.HttpProbe;
import dev.chime.testing.HttpProbe.Answer;
import dev.chime.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API's routes and their errors, against a real node on a real PostgreSQL. */
class AdminApiTest {

  private static final String OPS = ApiNode.OPERATOR;
  private static final String JOBS = """
      work { cron = "0 0 3 * * ?", time-zone = "Europe/Paris", parameters { greeting = hello }, command.args = ["echo", "${params.greeting}"] }
      off { cron = "@daily", enabled = false, command.args = ["true"] }
      call { cron = "0 0 4 * * ?", http { url = "http://127.0.0.1:9/x", token-file = "/run/secrets/call-token", secret-headers { X-Api-Key { env = CALL_KEY } } } }
      """;

  @TempDir Path dir;
  private final TestDatabase db = TestDatabase.create();
  private ApiNode node;
  private HttpProbe api;

  @BeforeEach
  void start() {
    node = ApiNode.start(dir, db, JOBS);
    api = node.admin;
  }

  @AfterEach
  void stop() {
    node.close();
  }

  private static void assertError(Answer answer, int status, String code, String text) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    assertThat(answer.contentType()).startsWith("application/json");
    assertThat(answer.json().get("error").asText()).isEqualTo(code);
    assertThat(answer.json().get("message").asText()).contains(text);
  }

  private static void assertBadField(Answer answer, String field) {
    assertError(answer, 400, "BAD_REQUEST", field);
    assertThat(answer.json().get("field").asText()).isEqualTo(field);
  }

  @Test
  void statusShowsThisNodeTheClusterAndTheJobCounts() {
    JsonNode status = api.get("/api/v1/status", ApiNode.VIEWER).json();
    assertThat(status.get("node").asText()).isEqualTo("node-a");
    assertThat(status.get("schedulerState").asText()).isEqualTo("running");
    assertThat(status.get("configHash").asText()).isEqualTo(node.daemon.config().jobsHash());
    assertThat(status.get("jobs").get("total").asInt()).isEqualTo(3);
    assertThat(status.get("jobs").get("byState").get("normal").asInt()).isEqualTo(2);
    assertThat(status.get("jobs").get("byState").get("disabled").asInt()).isEqualTo(1);
    JsonNode self = status.get("members").get(0);
    assertThat(self.get("node").asText()).isEqualTo("node-a");
    assertThat(self.get("alive").asBoolean()).isTrue();
    assertThat(self.get("self").asBoolean()).isTrue();
    assertThat(Instant.parse(self.get("lastCheckIn").asText())).isAfter(Instant.now().minusSeconds(30));
  }

  @Test
  void jobsShowTheStoredDefinitionWithSecretsAsReferencesAndTheComingFires() {
    JsonNode jobs = api.get("/api/v1/jobs", ApiNode.VIEWER).json().get("jobs");
    assertThat(jobs).extracting(j -> j.get("name").asText()).containsExactly("call", "off", "work");

    Answer work = api.get("/api/v1/jobs/work?count=3", ApiNode.VIEWER);
    assertThat(work.status()).as(work.toString()).isEqualTo(200);
    assertThat(work.json().get("state").asText()).isEqualTo("normal");
    assertThat(work.json().get("definition").get("parameters").get("greeting").asText()).isEqualTo("hello");
    assertThat(work.json().get("nextFires")).hasSize(3);
    assertThat(work.json().get("nextFires").get(0).get("askedFor").asText()).endsWith("T03:00:00");
    assertThat(work.json().get("lastRuns")).isEmpty();

    String call = api.get("/api/v1/jobs/call", ApiNode.VIEWER).body();
    assertThat(call).contains("/run/secrets/call-token", "CALL_KEY").doesNotContain("\"password\"");
    assertThat(api.get("/api/v1/jobs/call", ApiNode.VIEWER).json().get("nextFires")).hasSize(5);

    assertError(api.get("/api/v1/jobs/nope", ApiNode.VIEWER), 404, "NOT_FOUND", "unknown job 'nope'");
    assertBadField(api.get("/api/v1/jobs/work?count=0", ApiNode.VIEWER), "count");
    assertBadField(api.get("/api/v1/jobs/work?count=x", ApiNode.VIEWER), "count");
  }

  @Test
  void triggerRunsAStoredJobWithItsParametersAndTheRunsAreListedPagedAndWhole() {
    Answer triggered = api.post("/api/v1/jobs/work/trigger", OPS, "{\"parameters\":{\"greeting\":\"bonjour\"}}");
    assertThat(triggered.status()).as(triggered.toString()).isEqualTo(202);
    String requestId = triggered.json().get("requestId").asText();
    // overlap = forbid: a second run asked for while the first is going would be skipped, so wait.
    await().atMost(Duration.ofSeconds(15)).until(() -> api.get("/api/v1/runs?job=work&status=succeeded", OPS)
        .json().get("pagination").get("total").asInt() == 1);
    assertThat(api.post("/api/v1/jobs/work/trigger", OPS, null).status()).isEqualTo(202);

    await().atMost(Duration.ofSeconds(15)).until(() -> api.get("/api/v1/runs?job=work&status=succeeded", OPS)
        .json().get("pagination").get("total").asInt() == 2);
    JsonNode page = api.get("/api/v1/runs?job=work&limit=1&orderBy=scheduledAt&orderDirection=asc", OPS).json();
    assertThat(page.get("runs")).hasSize(1);
    assertThat(page.get("pagination").get("total").asInt()).isEqualTo(2);
    assertThat(page.get("pagination").get("hasNext").asBoolean()).isTrue();
    JsonNode second = api.get("/api/v1/runs?limit=1&offset=1&orderBy=job", OPS).json();
    assertThat(second.get("pagination").get("hasNext").asBoolean()).isFalse();
    assertThat(api.get("/api/v1/runs?node=node-b", OPS).json().get("runs")).isEmpty();
    assertThat(api.get("/api/v1/runs?from=2099-01-01T00:00:00Z", OPS).json().get("runs")).isEmpty();
    assertThat(api.get("/api/v1/runs?orderBy=status&to=2099-01-01T00:00:00Z", OPS).json().get("runs")).hasSize(2);

    long id = db.count("SELECT id FROM chime_run WHERE request_id = '" + requestId + "'");
    JsonNode whole = api.get("/api/v1/runs/" + id, ApiNode.VIEWER).json();
    assertThat(whole.get("output").asText()).contains("bonjour");
    assertThat(whole.get("triggeredBy").asText()).isEqualTo("ops");
    assertThat(api.get("/api/v1/jobs/work", OPS).json().get("lastRuns")).hasSize(2);
    assertError(api.get("/api/v1/runs/999999", OPS), 404, "NOT_FOUND", "no run 999999");
    assertBadField(api.get("/api/v1/runs/abc", OPS), "id");
  }

  @Test
  void badRunQueriesNameTheParameter() {
    for (String query : List.of("limit=0", "limit=101", "offset=-1", "orderBy=name", "orderDirection=up", "status=great",
        "from=yesterday", "to=2026-13-01T00:00:00Z")) {
      String field = query.substring(0, query.indexOf('='));
      assertBadField(api.get("/api/v1/runs?" + query, OPS), field);
    }
    assertThat(api.get("/api/v1/runs", OPS).json().get("pagination").get("limit").asInt()).isEqualTo(50);
  }

  @Test
  void badTriggerRequestsAreRefusedWithTheirStatus() {
    assertError(api.post("/api/v1/jobs/nope/trigger", OPS, "{}"), 404, "NOT_FOUND", "unknown job 'nope'");
    assertError(api.post("/api/v1/jobs/work/trigger", OPS, "{\"parameters\":{\"mood\":\"x\"}}"), 400, "BAD_REQUEST", "no parameter 'mood'");
    assertBadField(api.post("/api/v1/jobs/work/trigger", OPS, "{\"params\":{}}"), "params");
    assertBadField(api.post("/api/v1/jobs/work/trigger", OPS, "{not json"), "body");
    assertBadField(api.post("/api/v1/jobs/work/trigger", OPS, "[1]"), "body");
    assertBadField(api.post("/api/v1/jobs/work/trigger", OPS, "{\"parameters\":{\"greeting\":[1]}}"), "parameters.greeting");
    assertThat(db.count("SELECT count(*) FROM chime_audit WHERE action = 'trigger' AND result = 'error'")).isEqualTo(6);
    assertThat(db.query("SELECT arguments FROM chime_audit WHERE arguments LIKE '%not json%'")).hasSize(1);
  }

  @Test
  void pauseAndResumeAJobAndRefuseADisabledOneOrAPastUntil() {
    String until = Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    Answer paused = api.post("/api/v1/jobs/work/pause", OPS, "{\"reason\":\"db maintenance\",\"until\":\"" + until + "\"}");
    assertThat(paused.json().get("outcome").asText()).as(paused.toString()).isEqualTo("paused");
    JsonNode job = api.get("/api/v1/jobs/work", OPS).json();
    assertThat(job.get("state").asText()).isEqualTo("paused");
    assertThat(job.get("pause").get("by").asText()).isEqualTo("ops");
    assertThat(job.get("pause").get("reason").asText()).isEqualTo("db maintenance");
    assertThat(job.get("pause").get("until").asText()).isEqualTo(until);

    assertError(api.post("/api/v1/jobs/off/pause", OPS, "{}"), 409, "CONFLICT", "disabled");
    assertBadField(api.post("/api/v1/jobs/work/pause", OPS, "{\"until\":\"2020-01-01T00:00:00Z\"}"), "until");
    assertBadField(api.post("/api/v1/jobs/work/pause", OPS, "{\"until\":\"soon\"}"), "until");
    assertError(api.post("/api/v1/jobs/nope/resume", OPS, null), 404, "NOT_FOUND", "nope");

    assertThat(api.post("/api/v1/jobs/work/resume", OPS, null).json().get("outcome").asText()).isEqualTo("resumed");
    assertThat(api.post("/api/v1/jobs/work/resume", OPS, null).json().get("outcome").asText()).isEqualTo("not_paused");
    assertThat(db.query("SELECT action, result FROM chime_audit ORDER BY id")).containsExactly(
        List.of("pause", "ok"), List.of("pause", "error"), List.of("pause", "error"), List.of("pause", "error"),
        List.of("resume", "error"), List.of("resume", "ok"), List.of("resume", "ok"));
    assertThat(db.query("SELECT arguments FROM chime_audit ORDER BY id LIMIT 1").get(0).get(0).toString())
        .contains("\"name\":\"work\"", "\"reason\":\"db maintenance\"", until);
  }
}
