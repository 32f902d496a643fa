package dev.chime.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chime.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The http, sql and java kinds, parameters and placeholders as the config loader reads them. */
class JobKindsConfigTest {

  @TempDir Path dir;

  private ChimeConfig load(String hocon) {
    return ConfigLoader.load(TestConfigs.write(dir, "chime.conf", hocon));
  }

  private List<String> problems(String hocon) {
    try {
      load(hocon);
    } catch (InvalidConfigException e) {
      return e.problems().stream().map(p -> p.path() + ": " + p.message()).toList();
    }
    throw new AssertionError("expected problems");
  }

  @Test
  void readsAnHttpJobWithSecretsAsReferences() {
    ChimeConfig config = load("""
        chime {
          http-jobs.connect-timeout = 3s
          jobs.order-sync {
            cron = "0 0 8-20 * * ?"
            parameters { batchSize = 100, full = false }
            http {
              method = post
              url = "https://orders.example.com/sync?batch=${params.batchSize}"
              headers { X-Source = "chime ${run.node}" }
              secret-headers { X-Api-Key { env = ORDER_API_KEY } }
              token-file = "/run/secrets/order-token"
              body { since = "${run.scheduledFireTime}", full = false }
              success-codes = [200, "204"]
            }
          }
        }
        """);
    JobSpec job = config.job("order-sync").orElseThrow();
    assertThat(job.parameters()).containsExactlyInAnyOrderEntriesOf(Map.of("batchSize", "100", "full", "false"));
    HttpSpec http = (HttpSpec) job.kind();
    assertThat(http.method()).isEqualTo("POST");
    assertThat(http.url()).isEqualTo("https://orders.example.com/sync?batch=${params.batchSize}");
    assertThat(http.secretHeaders()).containsEntry("X-Api-Key", SecretRef.ofEnv("ORDER_API_KEY"));
    assertThat(http.bearerToken()).contains(SecretRef.ofFile("/run/secrets/order-token"));
    assertThat(http.jsonBody()).isTrue();
    assertThat(http.body()).contains("{\"full\":false,\"since\":\"${run.scheduledFireTime}\"}");
    assertThat(http.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(http.successCodes()).containsExactly("200", "204");
    assertThat(http.followRedirects()).isFalse();
    assertThat(http.insecure()).isFalse();
    assertThat(JobSpecJson.toJson(job)).contains("\"env\":\"ORDER_API_KEY\"").doesNotContain("secret-value");
  }

  @Test
  void readsSqlAndJavaJobs() {
    ChimeConfig config = load("""
        chime {
          datasources.app { url = "jdbc:postgresql://app-db/app", user = cleanup, password = "pw", pool-size = 3 }
          jobs {
            daily-cleanup {
              cron = "0 0 2 * * ?"
              parameters { days = 30 }
              sql {
                datasource = app
                statements = ["DELETE FROM sessions WHERE created_at < now() - make_interval(days => :params.days)",
                              "DELETE FROM audit WHERE at < :run.scheduledFireTime::timestamptz"]
              }
            }
            reindex { cron = "@daily", java { class = "com.acme.jobs.Reindex" } }
          }
        }
        """);
    assertThat(config.datasources().get("app")).isEqualTo(
        new DataSourceSettings("app", "jdbc:postgresql://app-db/app", "cleanup", new Secret("pw"), 3));
    assertThat(config.job("daily-cleanup").orElseThrow().kind())
        .isEqualTo(new SqlSpec(Optional.of("app"), List.of(
            "DELETE FROM sessions WHERE created_at < now() - make_interval(days => :params.days)",
            "DELETE FROM audit WHERE at < :run.scheduledFireTime::timestamptz")));
    assertThat(config.job("reindex").orElseThrow().kind()).isEqualTo(new JavaSpec("com.acme.jobs.Reindex"));
  }

  @Test
  void placeholdersAndBindsMustNameDeclaredParametersOrRunFields() {
    assertThat(problems("""
        chime.jobs {
          a {
            cron = "@daily"
            parameters { known = 1 }
            command { args = ["echo", "${params.known}", "${params.unknown}", "${run.nope}", "${HOME}"] }
          }
          b { cron = "@daily", sql.statement = "SELECT :params.missing, :run.idempotencyKey, ':params.inLiteral'" }
        }
        """)).containsExactlyInAnyOrder(
            "jobs.a.command.args: unknown parameter 'unknown' in a placeholder; declared parameters: known",
            "jobs.a.command.args: unknown run field 'nope'; expected one of: actualFireTime, attempt, coveredFrom, coveredTo, "
                + "fireInstanceId, idempotencyKey, job, node, recovering, runId, scheduledFireTime",
            "jobs.b.sql.statement: unknown parameter 'missing' in a bind; declared parameters: none");
  }

  @Test
  void kindMistakesAreReported() {
    assertThat(problems("""
        chime.jobs {
          two { cron = "@daily", command.args = ["true"], java.class = "a.B" }
          web {
            cron = "@daily"
            http {
              method = FETCH
              url = "ftp://files.example.com/x"
              headers { Authorization = "Bearer abc" }
              token-env = A
              token-file = "/b"
              success-codes = ["2xx", "600"]
            }
          }
          db { cron = "@daily", sql { datasource = nowhere, statement = "SELECT 1", statements = ["SELECT 2"] } }
          secret { cron = "@daily", http { url = "https://x.example", secret-headers { K { } } } }
          code { cron = "@daily", java { class = "not a class" } }
        }
        """)).containsExactlyInAnyOrder(
            "jobs.two: exactly one kind block is required (command, http, sql, java), found command and java",
            "jobs.web.http.method: expected one of DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT, found 'FETCH'",
            "jobs.web.http.url: expected an http:// or https:// URL with a host, found 'ftp://files.example.com/x'",
            "jobs.web.http.headers: Authorization is a secret: use token-env/token-file or secret-headers, never a value in the file",
            "jobs.web.http.token-file: give token-env or token-file, not both",
            "jobs.web.http.success-codes: expected status codes such as 200 or classes such as \"2xx\", found '600'",
            "jobs.db.sql.datasource: unknown datasource 'nowhere'; defined under chime.datasources: none",
            "jobs.db.sql: exactly one of statement (one SQL statement) or statements (a list, run in one transaction) is required",
            "jobs.secret.http.secret-headers.K: exactly one of env (a variable's name) or file (a path) is required",
            "jobs.code.java.class: 'not a class' is not a Java class name");
  }

  @Test
  void parametersAreScalars() {
    assertThat(problems("chime.jobs.a { cron = \"@daily\", parameters { list = [1], obj { x = 1 } }, command.args = [\"true\"] }"))
        .containsExactlyInAnyOrder(
            "jobs.a.parameters.list: a parameter is a string, number or boolean, found list",
            "jobs.a.parameters.obj: a parameter is a string, number or boolean, found object");
  }
}
