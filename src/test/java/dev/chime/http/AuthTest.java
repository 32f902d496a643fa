package dev.chime.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chime.Daemon;
import dev.chime.testing.ApiNode;
import dev.chime.testing.HttpProbe;
import dev.chime.testing.HttpProbe.Answer;
import dev.chime.testing.TestConfigs;
import dev.chime.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bearer tokens and roles on the admin API, the two listeners kept apart, and when the admin listener starts. */
class AuthTest {

  private static final String JOBS = "work { cron = \"0 0 3 * * ?\", command.args = [\"true\"] }";

  @TempDir Path dir;
  private final TestDatabase db = TestDatabase.create();

  @Test
  void everyApiRouteNeedsAKnownTokenAndMutationsAnOperator() {
    try (ApiNode node = ApiNode.start(dir, db, JOBS)) {
      Answer missing = node.admin.get("/api/v1/status");
      assertThat(missing.status()).isEqualTo(401);
      assertThat(missing.json().get("error").asText()).isEqualTo("UNAUTHORIZED");
      assertThat(missing.json().get("message").asText()).contains("Authorization: Bearer");
      assertThat(node.admin.get("/api/v1/status", "not-a-token").status()).isEqualTo(401);
      assertThat(node.admin.post("/api/v1/jobs/work/pause", "not-a-token", "{}").status()).isEqualTo(401);
      assertThat(node.admin.get("/api/v1/no-such-route").status()).as("no route list for strangers").isEqualTo(401);

      assertThat(node.admin.get("/api/v1/jobs", ApiNode.VIEWER).status()).isEqualTo(200);
      Answer forbidden = node.admin.post("/api/v1/jobs/work/pause", ApiNode.VIEWER, "{\"reason\":\"x\"}");
      assertThat(forbidden.status()).as(forbidden.toString()).isEqualTo(403);
      assertThat(forbidden.json().get("error").asText()).isEqualTo("FORBIDDEN");
      assertThat(forbidden.json().get("message").asText()).contains("grafana", "viewer", "operator");
      assertThat(db.query("SELECT job FROM chime_pause")).isEmpty();

      Answer paused = node.admin.post("/api/v1/jobs/work/pause", ApiNode.OPERATOR, "{}");
      assertThat(paused.status()).as(paused.toString()).isEqualTo(200);
      Answer resumed = node.admin.post("/api/v1/jobs/work/resume", ApiNode.NEXT_OPERATOR, null);
      assertThat(resumed.status()).as("the rotated-in token is valid at the same time").isEqualTo(200);

      assertThat(db.query("SELECT actor, action, result, source FROM chime_audit ORDER BY id")).containsExactly(
          List.of("grafana", "pause", "error", "127.0.0.1"),
          List.of("ops", "pause", "ok", "127.0.0.1"),
          List.of("ops-next", "resume", "ok", "127.0.0.1"));
      assertThat(db.query("SELECT error FROM chime_audit WHERE actor = 'grafana'").get(0).get(0).toString())
          .startsWith("403 FORBIDDEN");
    }
  }

  @Test
  void adminRoutesAreOnlyOnTheAdminListenerAndManagementRoutesOnlyOnTheManagementOne() {
    try (ApiNode node = ApiNode.start(dir, db, JOBS)) {
      for (String path : List.of("/metrics", "/health/live", "/health/ready")) {
        Answer answer = node.admin.get(path, ApiNode.OPERATOR);
        assertThat(answer.status()).as(path).isEqualTo(404);
        assertThat(answer.json()).as(answer.body() + " " + answer.contentType()).isNotNull();
        assertThat(answer.json().get("error").asText()).isEqualTo("NOT_FOUND");
      }
      Answer api = node.management.get("/api/v1/status", ApiNode.OPERATOR);
      assertThat(api.status()).isEqualTo(404);
      assertThat(api.json()).as(api.body() + " " + api.contentType()).isNotNull();
      assertThat(api.json().get("error").asText()).isEqualTo("NOT_FOUND");
      assertThat(node.management.get("/health/live").status()).isEqualTo(200);
    }
  }

  @Test
  void withoutATokenTheAdminListenerDoesNotStartButTheNodeAndManagementDo() {
    Daemon node = Daemon.start(TestConfigs.node(dir, db, "node-a", JOBS), Clock.systemUTC());
    try {
      assertThat(node.http().adminPort()).isEmpty();
      assertThat(new HttpProbe(node.http().managementPort()).get("/health/live").status()).isEqualTo(200);
    } finally {
      node.stop();
    }
  }

  @Test
  void authNoneServesWithoutTokensOnLoopbackOnlyAndAuditsAnonymous() {
    String admin = "admin { auth = none, host = \"0.0.0.0\", port = 0 }";
    Daemon node = Daemon.start(TestConfigs.node(dir, db, "node-a", admin, JOBS), Clock.systemUTC());
    try {
      HttpProbe api = new HttpProbe(node.http().adminPort().orElseThrow());
      assertThat(api.get("/api/v1/status").status()).isEqualTo(200);
      assertThat(api.post("/api/v1/jobs/work/pause", null, "{}").status()).isEqualTo(200);
      assertThat(db.query("SELECT actor, action, result FROM chime_audit")).containsExactly(List.of("anonymous", "pause", "ok"));
      assertThat(node.http().adminHost()).contains("127.0.0.1");
    } finally {
      node.stop();
    }
  }
}
