package dev.chime.testing;

import dev.chime.Daemon;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A real node with its HTTP surface on free ports and three API tokens in files: {@code ops} and
 * {@code ops-next} (operators: a rotation in progress) and {@code grafana} (viewer).
 */
public final class ApiNode implements AutoCloseable {

  public static final String OPERATOR = "operator-secret-1";
  public static final String NEXT_OPERATOR = "operator-secret-2";
  public static final String VIEWER = "viewer-secret";

  public final Daemon daemon;
  public final HttpProbe admin;
  public final HttpProbe management;

  private ApiNode(Daemon daemon) {
    this.daemon = daemon;
    this.admin = new HttpProbe(daemon.http().adminPort().orElseThrow());
    this.management = new HttpProbe(daemon.http().managementPort());
  }

  public static ApiNode start(Path dir, TestDatabase db, String jobs) {
    String admin = """
        admin {
          port = 0
          tokens {
            ops { role = operator, file = "%s" }
            ops-next { role = operator, file = "%s" }
            grafana { role = viewer, file = "%s" }
          }
        }
        """.formatted(TestConfigs.write(dir, "ops.token", OPERATOR + "\n"),
        TestConfigs.write(dir, "ops-next.token", NEXT_OPERATOR),
        TestConfigs.write(dir, "viewer.token", VIEWER));
    return new ApiNode(Daemon.start(TestConfigs.node(dir, db, "node-a", admin, jobs), Clock.systemUTC()));
  }

  @Override
  public void close() {
    daemon.stop();
  }
}
