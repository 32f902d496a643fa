package dev.chime.cli;

import dev.chime.Daemon;
import dev.chime.config.ChimeConfig;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code chime run}: the daemon. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run this node: migrate the schema, reconcile the config into the store, join the cluster and run jobs.",
      "On SIGTERM or SIGINT: stop taking fires, give running jobs chime.shutdown-timeout to finish,",
      "leave the rest for recovery, exit 0."
    })
final class RunCommand implements Callable<Integer> {

  @Mixin ConfigOption config;

  @Option(names = "--classpath", paramLabel = "PATH", split = ":",
      description = "Jars or directories holding java job classes, besides chime.java-jobs.lib-dir (':'-separated).")
  List<Path> classpath = List.of();

  @Override
  public Integer call() {
    ChimeConfig loaded = config.load();
    // The hook is in place before the node starts: a SIGTERM during start waits for it, then stops it
    // gracefully (exit 0), instead of killing a node that may already run jobs (exit 143).
    AtomicReference<Daemon> node = new AtomicReference<>();
    CountDownLatch startDone = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stopOnSignal(node, startDone), "chime-shutdown"));
    Daemon daemon;
    try {
      // chime.clock-offset (tests and drills): this node's clock, shifted; zero in production.
      daemon = Daemon.start(loaded, Clock.offset(Clock.systemUTC(), loaded.clockOffset()), classpath);
      node.set(daemon);
    } finally {
      startDone.countDown();
    }
    reloadOnHangup(daemon);
    daemon.awaitStopped();
    return 0;
  }

  private static void stopOnSignal(AtomicReference<Daemon> node, CountDownLatch startDone) {
    try {
      startDone.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Daemon daemon = node.get();
    if (daemon == null) {
      return; // the node never started: the JVM exits with the start failure's code
    }
    daemon.stop();
    // A signal asked for this stop and it completed: that is a clean exit, not 143.
    Runtime.getRuntime().halt(0);
  }

  /** SIGHUP (systemctl reload, kill -HUP) reloads the config file, as the file watcher does. */
  private static void reloadOnHangup(Daemon daemon) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
        try {
          daemon.reload("SIGHUP");
        } catch (RuntimeException e) {
          org.slf4j.LoggerFactory.getLogger(RunCommand.class).error("Reload on SIGHUP failed: {}", e.getMessage(), e);
        }
      });
    } catch (IllegalArgumentException e) {
      org.slf4j.LoggerFactory.getLogger(RunCommand.class).warn("SIGHUP cannot be handled here ({}); reload with chime reload", e.getMessage());
    }
  }
}
