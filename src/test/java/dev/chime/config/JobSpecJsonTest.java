package dev.chime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chime.ChimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobSpecJsonTest {

  private static JobSpec spec(Map<String, String> env) {
    return new JobSpec("sync", Optional.of("desc"), "0 0 8-20 * * ?", ZoneId.of("Europe/Paris"), true,
        Duration.ofMinutes(5), 65536, Map.of("batch", "10"),
        new JobPolicies(JobPolicies.Misfire.RUN_ONCE, 10, JobPolicies.Overlap.FORBID, Duration.ZERO,
            new JobPolicies.RetryPolicy(3, Duration.ofSeconds(30), 2.0, Duration.ofMinutes(10), Duration.ZERO, List.of("failed")), JobPolicies.Window.ALWAYS, JobPolicies.DstPolicy.QUARTZ, Duration.ofMinutes(15)),
        new CommandSpec(List.of("/bin/echo", "hi"), Optional.empty(), env));
  }

  @Test
  void roundTripsThroughCanonicalJson() {
    JobSpec spec = spec(Map.of("B", "2", "A", "1"));
    String json = JobSpecJson.toJson(spec);
    assertThat(json).contains("\"kind\":\"command\"", "\"timeout\":\"PT5M\"", "\"timeZone\":\"Europe/Paris\"");
    assertThat(JobSpecJson.fromJson(json)).isEqualTo(spec);
  }

  @Test
  void hashIgnoresMapOrderButNotContent() {
    Map<String, String> ab = new LinkedHashMap<>();
    ab.put("A", "1");
    ab.put("B", "2");
    Map<String, String> ba = new LinkedHashMap<>();
    ba.put("B", "2");
    ba.put("A", "1");
    assertThat(JobSpecJson.hash(spec(ab))).isEqualTo(JobSpecJson.hash(spec(ba))).hasSize(64);
    assertThat(JobSpecJson.hash(spec(Map.of("A", "2")))).isNotEqualTo(JobSpecJson.hash(spec(ab)));
  }

  @Test
  void fieldsAreFlatForFieldByFieldDiffs() {
    assertThat(JobSpecJson.fields(spec(Map.of("A", "1"))))
        .containsEntry("cron", "0 0 8-20 * * ?")
        .containsEntry("kind.args", "[\"/bin/echo\",\"hi\"]")
        .containsEntry("kind.env.A", "1")
        .containsEntry("kind.kind", "command")
        .doesNotContainKey("name");
  }

  @Test
  void unreadableJsonSaysSo() {
    assertThatThrownBy(() -> JobSpecJson.fromJson("{\"cron\": 5"))
        .isInstanceOf(ChimeException.class)
        .hasMessageStartingWith("stored job definition is not readable");
  }
}
