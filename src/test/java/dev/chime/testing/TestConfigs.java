package dev.chime.testing;

import dev.chime.config.ChimeConfig;
import dev.chime.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Configs for tests, written to a file and read by the real loader. */
public final class TestConfigs {

  private TestConfigs() {}

  /** Writes {@code hocon} to {@code dir/name} and returns the path. */
  public static Path write(Path dir, String name, String hocon) {
    try {
      return Files.writeString(dir.resolve(name), hocon);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A node config on {@code db} with fast cluster timings, node id {@code node} and the given
   * {@code jobs { ... }} body.
   */
  public static ChimeConfig node(Path dir, TestDatabase db, String node, String jobs) {
    return node(dir, db, node, "", jobs);
  }

  public static ChimeConfig node(Path dir, TestDatabase db, String node, String extra, String jobs) {
    String hocon =
        """
        chime {
          node-id = "%s"
          database { url = "%s", user = "postgres", pool-size = 10 }
          scheduler.threads = 4
          shutdown-timeout = 5s
          cluster { check-in-interval = 1s, idle-wait = 1s }
          management { host = "127.0.0.1", port = 0 }
          admin.port = 0
          %s
          jobs { %s }
        }
        """
            .formatted(node, db.url(), extra, jobs);
    return ConfigLoader.load(write(dir, node + ".conf", hocon));
  }
}
