package dev.chime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.chime.config.JobSpecJson;
import dev.chime.execution.ChimeJob;
import dev.chime.history.RunRecord;
import dev.chime.history.RunRepository;
import dev.chime.testing.TestConfigs;
import dev.chime.testing.TestDatabase;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobDataMap;
import org.quartz.JobKey;

/** Every job kind run by a real node, recorded in the history, with placeholders and parameters. */
class JobKindsEndToEndTest {

  /** Never fires on its own; the test fires the jobs through Quartz. */
  private static final String NEVER = "0 0 0 1 1 ? 2099";
  private static final String TOKEN = "tok-" + System.nanoTime();

  @TempDir Path dir;
  private final TestDatabase db = TestDatabase.create();
  private final List<String> received = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private Daemon node;
  private RunRepository runs;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/sync", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      received.add(exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Authorization")
          + " " + exchange.getRequestHeaders().getFirst("Idempotency-Key") + " " + body);
      byte[] reply = "{\"synced\": 42}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, reply.length);
      exchange.getResponseBody().write(reply);
      exchange.close();
    });
    server.start();
    Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
    db.execute("CREATE TABLE synced (key text, batch int)");
    String jobs = """
        web {
          cron = "%1$s"
          parameters { batch = 50 }
          http {
            method = POST
            url = "http://127.0.0.1:%2$d/sync?batch=${params.batch}"
            token-file = "%3$s"
            body { since = "${run.scheduledFireTime}" }
          }
        }
        db {
          cron = "%1$s"
          parameters { batch = 7 }
          sql.statement = "INSERT INTO synced VALUES (:run.idempotencyKey, :params.batch)"
        }
        code {
          cron = "%1$s"
          parameters { batches = 2 }
          java.class = "dev.chime.execution.java.ExampleTask"
        }
        shell {
          cron = "%1$s"
          parameters { greeting = hello }
          command { args = ["echo", "${params.greeting} from ${run.job}"], env { GREETING = "${params.greeting}" } }
        }
        """.formatted(NEVER, server.getAddress().getPort(), tokenFile);
    node = Daemon.start(TestConfigs.node(dir, db, "node-a", jobs), Clock.systemUTC());
    runs = new RunRepository(db.dataSource(), "chime");
  }

  @AfterEach
  void stop() {
    node.stop();
    server.stop(0);
  }

  private RunRecord runOf(String job, Map<String, String> overrides) throws Exception {
    JobDataMap data = new JobDataMap();
    if (!overrides.isEmpty()) {
      data.put(ChimeJob.PARAMS, JobSpecJson.parametersToJson(overrides));
    }
    int before = runs.latest(Optional.of(job), 100).size();
    node.scheduler().quartz().triggerJob(JobKey.jobKey(job, "chime"), data);
    await().atMost(Duration.ofSeconds(20)).until(() -> runs.latest(Optional.of(job), 100).stream()
        .filter(r -> !r.outcome().equals("running")).count() > before);
    return runs.latest(Optional.of(job), 1).get(0);
  }

  @Test
  void httpJobPostsWithTokenPlaceholdersAndIdempotencyKeyAndRecordsTheStatus() throws Exception {
    RunRecord run = runOf("web", Map.of());
    assertThat(run.outcome()).isEqualTo("succeeded");
    assertThat(run.httpStatus()).contains(200);
    assertThat(run.output()).contains("{\"synced\": 42}");
    assertThat(received).singleElement().asString()
        .isEqualTo("/sync?batch=50 Bearer " + TOKEN + " web@" + run.scheduledAt() + " {\"since\":\"" + run.scheduledAt() + "\"}");
    assertThat(db.query("SELECT * FROM chime_run").toString()).doesNotContain(TOKEN);
    assertThat(db.query("SELECT convert_from(job_data, 'UTF8') FROM qrtz_job_details").toString()).doesNotContain(TOKEN);
  }

  @Test
  void sqlJobBindsTheRunContextAndRecordsRowsAffected() throws Exception {
    RunRecord run = runOf("db", Map.of());
    assertThat(run.outcome()).isEqualTo("succeeded");
    assertThat(run.rowsAffected()).contains(1L);
    assertThat(db.query("SELECT key, batch FROM synced")).containsExactly(List.of("db@" + run.scheduledAt(), 7));
  }

  @Test
  void javaJobRunsTheExampleTask() throws Exception {
    RunRecord run = runOf("code", Map.of());
    assertThat(run.outcome()).isEqualTo("succeeded");
    assertThat(run.output()).contains("reindexed 2 batches for code@" + run.scheduledAt() + " (attempt 1 on node-a)");
  }

  @Test
  void aManualRunsParametersOverrideTheDefaultsAndAreRecorded() throws Exception {
    RunRecord byDefault = runOf("shell", Map.of());
    assertThat(byDefault.output().orElseThrow()).isEqualTo("hello from shell\n");
    RunRecord overridden = runOf("shell", Map.of("greeting", "bonjour"));
    assertThat(overridden.output().orElseThrow()).isEqualTo("bonjour from shell\n");
    assertThat(overridden.parameters()).isEqualTo(Map.of("greeting", "bonjour"));
  }
}
