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

/** One-off runs, this node's standby and start, the audit log and the management listener, over HTTP. */
class ScheduleAndNodeApiTest {

  private static final String OPS = ApiNode.OPERATOR;
  private static final String JOBS = """
      work { cron = "0 0 3 * * ?", parameters { greeting = hello }, command.args = ["echo", "${params.greeting}"] }
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

  private Answer schedule(Instant at, String extra) {
    return api.post("/api/v1/schedules", OPS, "{\"job\":\"work\",\"at\":\"" + at + "\"" + extra + "}");
  }

  @Test
  void oneOffRunsAreScheduledListedAndCancelled() {
    Instant at = Instant.now().plusSeconds(3600);
    Answer created = schedule(at, ",\"parameters\":{\"greeting\":\"hi\"}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().get("id").asText();
    assertThat(created.json().get("status").asText()).isEqualTo("pending");
    assertThat(created.json().get("createdBy").asText()).isEqualTo("ops");

    JsonNode pending = api.get("/api/v1/schedules?status=pending", ApiNode.VIEWER).json().get("schedules");
    assertThat(pending).extracting(s -> s.get("id").asText()).containsExactly(id);
    assertThat(pending.get(0).get("parameters").get("greeting").asText()).isEqualTo("hi");

    Answer cancelled = api.delete("/api/v1/schedules/" + id, OPS);
    assertThat(cancelled.json().get("schedule").get("status").asText()).as(cancelled.toString()).isEqualTo("cancelled");
    assertThat(cancelled.json().get("alreadyCancelled").asBoolean()).isFalse();
    assertThat(api.delete("/api/v1/schedules/" + id, OPS).json().get("alreadyCancelled").asBoolean()).isTrue();
    assertThat(api.get("/api/v1/schedules?status=pending", OPS).json().get("schedules")).isEmpty();
    assertThat(api.get("/api/v1/schedules?status=cancelled", OPS).json().get("schedules")).hasSize(1);
    Answer missing = api.delete("/api/v1/schedules/no-such-id", OPS);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("error").asText()).isEqualTo("NOT_FOUND");
  }

  @Test
  void aOneOffThatAlreadyFiredCannotBeCancelled() {
    String id = schedule(Instant.now().plusSeconds(2), "").json().get("id").asText();
    await().atMost(Duration.ofSeconds(20)).until(() -> db.count("SELECT count(*) FROM chime_run WHERE request_id = '" + id + "'") == 1);
    Answer refused = api.delete("/api/v1/schedules/" + id, OPS);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.json().get("error").asText()).isEqualTo("CONFLICT");
  }

  @Test
  void badScheduleRequestsNameTheField() {
    assertField(schedule(Instant.parse("2020-01-01T00:00:00Z"), ""), "at");
    assertField(api.post("/api/v1/schedules", OPS, "{\"job\":\"work\"}"), "at");
    assertField(api.post("/api/v1/schedules", OPS, "{\"at\":\"" + Instant.now().plusSeconds(60) + "\"}"), "job");
    assertField(api.post("/api/v1/schedules", OPS, "{\"job\":\"work\",\"at\":\"tomorrow\"}"), "at");
    assertField(api.get("/api/v1/schedules?status=soon", OPS), "status");
    Answer unknown = api.post("/api/v1/schedules", OPS, "{\"job\":\"nope\",\"at\":\"" + Instant.now().plusSeconds(60) + "\"}");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(db.count("SELECT count(*) FROM chime_audit WHERE action = 'schedule' AND result = 'error'")).isEqualTo(5);
  }

  private static void assertField(Answer answer, String field) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.json().get("field").asText()).isEqualTo(field);
  }

  @Test
  void standbyStopsThisNodeAcquiringFiresAndMakesItNotReadyUntilStarted() {
    HttpProbe management = node.management;
    await().atMost(Duration.ofSeconds(10)).until(() -> management.get("/health/ready").status() == 200);
    assertThat(management.get("/health/ready").json().get("status").asText()).isEqualTo("ready");

    Answer standby = api.post("/api/v1/node/standby", OPS, null);
    assertThat(standby.json().get("schedulerState").asText()).as(standby.toString()).isEqualTo("standby");
    assertThat(api.get("/api/v1/status", OPS).json().get("schedulerState").asText()).isEqualTo("standby");
    Answer notReady = management.get("/health/ready");
    assertThat(notReady.status()).isEqualTo(503);
    assertThat(notReady.json().get("status").asText()).isEqualTo("not ready");
    assertThat(notReady.json().get("reasons").get(0).asText()).contains("standby");
    assertThat(management.get("/health/live").status()).isEqualTo(200);

    assertThat(api.post("/api/v1/node/start", OPS, "{}").json().get("schedulerState").asText()).isEqualTo("running");
    assertThat(management.get("/health/ready").status()).isEqualTo(200);
    Answer metrics = management.get("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.contentType()).startsWith("text/plain");
  }

  @Test
  void theAuditLogListsEveryMutationNewestFirstInPages() {
    api.post("/api/v1/node/standby", OPS, null);
    api.post("/api/v1/node/start", ApiNode.NEXT_OPERATOR, null);
    api.post("/api/v1/jobs/work/pause", ApiNode.VIEWER, null);
    JsonNode page = api.get("/api/v1/audit?limit=2", ApiNode.VIEWER).json();
    assertThat(page.get("entries")).extracting(e -> e.get("action").asText()).containsExactly("pause", "start");
    JsonNode denied = page.get("entries").get(0);
    assertThat(denied.get("actor").asText()).isEqualTo("grafana");
    assertThat(denied.get("source").asText()).isEqualTo("127.0.0.1");
    assertThat(denied.get("result").asText()).isEqualTo("error");
    assertThat(denied.get("error").asText()).startsWith("403 FORBIDDEN");
    assertThat(denied.get("arguments").get("name").asText()).isEqualTo("work");
    assertThat(Instant.parse(denied.get("at").asText())).isAfter(Instant.now().minusSeconds(60));
    assertThat(page.get("pagination").get("total").asInt()).isEqualTo(3);
    assertThat(page.get("pagination").get("hasNext").asBoolean()).isTrue();
    JsonNode last = api.get("/api/v1/audit?limit=2&offset=2", OPS).json();
    assertThat(last.get("entries")).extracting(e -> e.get("actor").asText()).containsExactly("ops");
    assertThat(api.get("/api/v1/audit?limit=500", OPS).status()).isEqualTo(400);
    assertThat(List.of(api.post("/api/v1/node/standby", OPS, "{\"x\":1}").status())).containsExactly(400);
  }

  @Test
  void reloadAppliesTheNodesFileAndAnInvalidOneIsRefusedWith422() throws Exception {
    java.nio.file.Path file = node.daemon.config().source();
    String valid = java.nio.file.Files.readString(file);
    Answer applied = api.post("/api/v1/reload", OPS, null);
    assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
    assertThat(applied.json().get("applied").asBoolean()).isTrue();

    java.nio.file.Files.writeString(file, valid.replace("chime {", "chime { colour = blue"));
    Answer refused = api.post("/api/v1/reload", OPS, null);
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().get("error").asText()).isEqualTo("INVALID_CONFIG");
    assertThat(refused.json().get("message").asText()).contains("colour: unknown setting");
    assertThat(api.post("/api/v1/reload", ApiNode.VIEWER, null).status()).isEqualTo(403);
    java.nio.file.Files.writeString(file, valid);
  }
}
