package dev.chime.execution.command;

import dev.chime.config.CommandSpec;
import dev.chime.execution.Cancellation;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link CommandSpec} as a child process: the argv directly (never through a shell), stdin
 * from {@code /dev/null}, stderr merged into stdout, the output kept in a {@link BoundedOutput}.
 * Cancelling the run's {@link Cancellation} kills the whole process tree (SIGTERM, then SIGKILL
 * after {@link #KILL_GRACE}).
 */
public final class CommandRunner {

  /** How long a cancelled process tree gets between SIGTERM and SIGKILL. */
  public static final Duration KILL_GRACE = Duration.ofSeconds(2);

  /** How long to keep reading output after the process exited (a descendant may hold the pipe). */
  public static final Duration OUTPUT_DRAIN_WAIT = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(CommandRunner.class);
  private static final File DEV_NULL = new File("/dev/null");

  private final Duration killGrace;
  private final Duration outputDrainWait;

  /** A runner with the default {@link #KILL_GRACE} and {@link #OUTPUT_DRAIN_WAIT}. */
  public CommandRunner() {
    this(KILL_GRACE, OUTPUT_DRAIN_WAIT);
  }

  CommandRunner(Duration killGrace, Duration outputDrainWait) {
    this.killGrace = killGrace;
    this.outputDrainWait = outputDrainWait;
  }

  /**
   * Runs the command and waits for it to finish or be killed.
   *
   * @param extraEnv variables set on top of the node's environment and {@code spec.env()}
   * @param outputLimitBytes at most this many output bytes are kept (head and tail)
   * @param cancellation cancelling it kills the process tree; if already cancelled, nothing starts
   * @throws IOException if the process cannot be started (message names program and directory)
   */
  public CommandResult run(
      CommandSpec spec,
      Map<String, String> extraEnv,
      int outputLimitBytes,
      Cancellation cancellation)
      throws IOException {
    BoundedOutput output = new BoundedOutput(outputLimitBytes);
    if (cancellation.isCancelled()) {
      log.debug("Run of {} cancelled before start; not starting it", spec.args());
      return new CommandResult(-1, true, "", 0, Duration.ZERO);
    }
    long startNanos = System.nanoTime();
    Process process = start(spec, extraEnv);
    Thread pump = startPump(process, output);
    ProcessTreeKiller killer = new ProcessTreeKiller(process, killGrace);
    cancellation.onCancel(killer::killAsync);
    int exitCode = awaitExit(process, killer);
    boolean drained = joinQuietly(pump, outputDrainWait);
    killer.awaitFinished();
    Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
    return result(process, exitCode, killer.killed(), output, drained, duration);
  }

  private CommandResult result(
      Process process,
      int exitCode,
      boolean killed,
      BoundedOutput output,
      boolean drained,
      Duration duration) {
    String excerpt = output.excerpt();
    if (!drained) {
      log.warn("Output of process {} still open after it exited; stopped reading", process.pid());
      excerpt += "\n[... output still open after the process exited; stopped reading after "
          + outputDrainWait.toMillis() + " ms ...]\n";
    }
    log.debug("Process {} finished: exit {}, killed {}, {} output bytes in {}",
        process.pid(), exitCode, killed, output.totalBytes(), duration);
    return new CommandResult(
        killed ? -1 : exitCode, killed, excerpt, output.totalBytes(), duration);
  }

  private static Process start(CommandSpec spec, Map<String, String> extraEnv)
      throws IOException {
    if (spec.args().isEmpty()) {
      throw new IllegalArgumentException("A command needs at least one argument (the program)");
    }
    ProcessBuilder builder = new ProcessBuilder(spec.args()).redirectErrorStream(true);
    spec.directory().map(File::new).ifPresent(builder::directory);
    if (DEV_NULL.exists()) {
      builder.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
    }
    builder.environment().putAll(spec.env());
    builder.environment().putAll(extraEnv);
    String directory = spec.directory().orElse(System.getProperty("user.dir"));
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      log.debug("Started process {}: {} in {}", process.pid(), spec.args(), directory);
      return process;
    } catch (IOException e) {
      throw new IOException("Cannot start program '" + spec.args().get(0)
          + "' in directory '" + directory + "': " + e.getMessage(), e);
    }
  }

  private static Thread startPump(Process process, BoundedOutput output) {
    Thread pump = new Thread(() -> pump(process, output), "chime-output-" + process.pid());
    pump.setDaemon(true);
    pump.start();
    return pump;
  }

  private static void pump(Process process, BoundedOutput output) {
    byte[] buffer = new byte[8192];
    try (InputStream in = process.getInputStream()) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        output.write(buffer, 0, read);
      }
    } catch (IOException e) {
      log.debug("Stopped reading output of process {}: {}", process.pid(), e.toString());
    }
  }

  private static int awaitExit(Process process, ProcessTreeKiller killer) {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      log.warn("Interrupted while waiting for process {}; killing it", process.pid());
      killer.killNow();
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Joins {@code thread} for at most {@code timeout}; true if it finished. Keeps interrupts. */
  static boolean joinQuietly(Thread thread, Duration timeout) {
    try {
      thread.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !thread.isAlive();
  }
}
