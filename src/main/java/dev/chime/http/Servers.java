package dev.chime.http;

import dev.chime.ChimeException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson;
import java.util.function.Consumer;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The two listeners' common set-up: named threads, chime's JSON, JSON errors, no banner. */
final class Servers {

  private static final int MAX_THREADS = 16;
  private static final int MIN_THREADS = 2;

  private Servers() {}

  static Javalin create(String name, Consumer<JavalinConfig> routes) {
    return Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
      threads.setName(name);
      config.jetty.threadPool = threads;
      config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
      Errors.install(config);
      routes.accept(config);
    });
  }

  /** Starts {@code app} on host:port; a {@link ChimeException} naming the setting when it cannot listen. */
  static Javalin start(Javalin app, String host, int port, String what) {
    try {
      return app.start(host, port);
    } catch (RuntimeException e) {
      app.stop();
      throw new ChimeException("cannot start the " + what + " on " + host + ":" + port + ": " + e.getMessage()
          + "; is another process on that port? Change the port setting", e);
    }
  }
}
