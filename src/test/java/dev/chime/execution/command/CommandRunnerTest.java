package dev.chime.execution.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.chime.config.CommandSpec;
import dev.chime.execution.Cancellation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CommandRunnerTest {

  private static final int LIMIT = 64 * 1024;
  private static final Duration BOUND = Duration.ofSeconds(10);

  private final CommandRunner runner = new CommandRunner();

  @TempDir Path dir;

  private static CommandSpec spec(String... args) {
    return new CommandSpec(List.of(args), Optional.empty(), Map.of());
  }

  private CommandResult run(CommandSpec spec) throws IOException {
    return runner.run(spec, Map.of(), LIMIT, new Cancellation());
  }

  private CompletableFuture<CommandResult> runAsync(CommandSpec spec, Cancellation cancellation) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return runner.run(spec, Map.of(), LIMIT, cancellation);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static long awaitPid(Path pidFile) throws IOException {
    await().atMost(BOUND).until(() -> Files.exists(pidFile) && readPid(pidFile) > 0);
    return readPid(pidFile);
  }

  private static long readPid(Path pidFile) throws IOException {
    String text = Files.readString(pidFile).trim();
    return text.isEmpty() ? -1 : Long.parseLong(text);
  }

  /** Waits until {@code pid} is gone or a zombie (reaping orphans is PID 1's job, not ours). */
  private static void awaitGone(long pid) {
    await().atMost(BOUND)
        .until(() -> ProcessHandle.of(pid).map(h -> !ProcessTreeKiller.isRunning(h)).orElse(true));
  }

  @Test
  void successCapturesExitZeroAndOutput() throws IOException {
    CommandResult result = run(spec("/bin/echo", "hello", "world"));

    assertThat(result.exitCode()).isZero();
    assertThat(result.killed()).isFalse();
    assertThat(result.output()).isEqualTo("hello world\n");
    assertThat(result.outputBytes()).isEqualTo(12);
    assertThat(result.duration()).isPositive();
  }

  @Test
  void argumentsAreNotInterpretedByAShell() throws IOException {
    CommandResult result = run(spec("/bin/echo", "$HOME", "a;b", "*"));

    assertThat(result.output()).isEqualTo("$HOME a;b *\n");
  }

  @Test
  void nonZeroExitCodeIsCaptured() throws IOException {
    CommandResult result = run(spec("/bin/sh", "-c", "exit 3"));

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.killed()).isFalse();
  }

  @Test
  void stderrIsMergedIntoOutput() throws IOException {
    CommandResult result = run(spec("/bin/sh", "-c", "echo out; echo err >&2"));

    assertThat(result.output()).contains("out\n").contains("err\n");
  }

  @Test
  void stdinIsEmpty() throws IOException {
    CommandResult result = run(spec("/bin/sh", "-c", "cat; echo done"));

    assertThat(result.output()).isEqualTo("done\n");
  }

  @Test
  void environmentComesFromNodeSpecAndExtraWithExtraWinning() throws IOException {
    CommandSpec spec = new CommandSpec(
        List.of("/bin/sh", "-c", "echo \"$PATH_SET|$FROM_SPEC|$BOTH\""), // PATH_SET: extra only
        Optional.empty(),
        Map.of("FROM_SPEC", "spec", "BOTH", "spec"));

    CommandResult result = runner.run(spec, Map.of("BOTH", "extra",
        "PATH_SET", "yes"), LIMIT, new Cancellation());
    CommandResult inherited = run(spec("/bin/sh", "-c", "echo \"$PATH\""));

    assertThat(result.output()).isEqualTo("yes|spec|extra\n");
    assertThat(inherited.output().trim()).isEqualTo(System.getenv("PATH"));
  }

  @Test
  void workingDirectoryIsHonoured() throws IOException {
    CommandSpec spec = new CommandSpec(List.of("pwd"), Optional.of(dir.toString()), Map.of());

    CommandResult result = run(spec);

    assertThat(Path.of(result.output().trim()).toRealPath()).isEqualTo(dir.toRealPath());
  }

  @Test
  void missingProgramFailsNamingProgramAndDirectory() {
    assertThatThrownBy(() -> run(spec("no-such-program-chime")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no-such-program-chime")
        .hasMessageContaining(System.getProperty("user.dir"));
  }

  @Test
  void missingDirectoryFailsNamingProgramAndDirectory() {
    String missing = dir.resolve("missing").toString();
    CommandSpec spec = new CommandSpec(List.of("/bin/echo"), Optional.of(missing), Map.of());

    assertThatThrownBy(() -> run(spec))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("/bin/echo")
        .hasMessageContaining(missing);
  }

  @Test
  void cancellationKillsASleepingProcess() {
    Cancellation cancellation = new Cancellation();
    CompletableFuture<CommandResult> run = runAsync(spec("/bin/sleep", "60"), cancellation);
    long pid = await().atMost(BOUND).until(CommandRunnerTest::sleepChildPid, p -> p > 0);

    cancellation.cancel(Cancellation.Reason.TIMEOUT);

    CommandResult result = await().atMost(BOUND).until(() -> run.getNow(null), r -> r != null);
    assertThat(result.killed()).isTrue();
    assertThat(result.exitCode()).isEqualTo(-1);
    assertThat(result.duration()).isLessThan(BOUND);
    awaitGone(pid);
  }

  /** The pid of this JVM's {@code sleep 60} child, or -1 while it has not started. */
  private static long sleepChildPid() {
    return ProcessHandle.current().children()
        .filter(h -> h.info().arguments().map(a -> List.of(a).equals(List.of("60"))).orElse(false))
        .mapToLong(ProcessHandle::pid)
        .findFirst()
        .orElse(-1);
  }

  @Test
  void cancellationKillsTheChildProcessTree() throws IOException {
    Path pidFile = dir.resolve("pid");
    Cancellation cancellation = new Cancellation();
    CompletableFuture<CommandResult> run = runAsync(
        spec("/bin/sh", "-c", "sleep 300 & echo $! > '" + pidFile + "'; wait"), cancellation);
    long childPid = awaitPid(pidFile);
    assertThat(ProcessHandle.of(childPid)).isPresent();

    cancellation.cancel(Cancellation.Reason.SHUTDOWN);

    CommandResult result = await().atMost(BOUND).until(() -> run.getNow(null), r -> r != null);
    assertThat(result.killed()).isTrue();
    awaitGone(childPid);
  }

  @Test
  void processIgnoringSigtermIsKilledAfterTheGrace() throws IOException {
    Path pidFile = dir.resolve("pid");
    Cancellation cancellation = new Cancellation();
    CompletableFuture<CommandResult> run = runAsync(spec("/bin/sh", "-c",
        "trap '' TERM; sleep 300 & echo $! > '" + pidFile + "'; wait"), cancellation);
    long childPid = awaitPid(pidFile);

    cancellation.cancel(Cancellation.Reason.TIMEOUT);

    CommandResult result = await().atMost(BOUND).until(() -> run.getNow(null), r -> r != null);
    assertThat(result.killed()).isTrue();
    assertThat(result.exitCode()).isEqualTo(-1);
    assertThat(result.duration()).isGreaterThanOrEqualTo(CommandRunner.KILL_GRACE);
    awaitGone(childPid);
  }

  @Test
  void interruptingTheRunningThreadKillsTheProcess() throws InterruptedException {
    AtomicReference<CommandResult> result = new AtomicReference<>();
    Thread runner = new Thread(() -> {
      try {
        result.set(run(spec("/bin/sleep", "60")));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    runner.start();
    long pid = await().atMost(BOUND).until(CommandRunnerTest::sleepChildPid, p -> p > 0);

    runner.interrupt();

    await().atMost(BOUND).untilAsserted(() -> assertThat(result.get()).isNotNull());
    assertThat(result.get().killed()).isTrue();
    awaitGone(pid);
  }

  @Test
  void hugeOutputStaysWithinTheBound() throws IOException {
    CommandResult result = run(spec("head", "-c", "100000000", "/dev/zero"));

    assertThat(result.exitCode()).isZero();
    assertThat(result.outputBytes()).isEqualTo(100_000_000L);
    assertThat(result.output().length()).isLessThanOrEqualTo(LIMIT + 64);
    assertThat(result.output()).contains("[... " + (100_000_000L - LIMIT) + " bytes dropped ...]");
  }

  @Test
  void cancelledBeforeStartDoesNotStart() throws IOException {
    Path marker = dir.resolve("started");
    Cancellation cancellation = new Cancellation();
    cancellation.cancel(Cancellation.Reason.SHUTDOWN);

    CommandResult result = runner.run(
        spec("/usr/bin/touch", marker.toString()), Map.of(), LIMIT, cancellation);

    assertThat(result.killed()).isTrue();
    assertThat(result.exitCode()).isEqualTo(-1);
    assertThat(result.output()).isEmpty();
    assertThat(result.outputBytes()).isZero();
    assertThat(marker).doesNotExist();
  }

  @Test
  void descendantHoldingTheOutputOpenDoesNotHangTheRun() throws IOException {
    Path pidFile = dir.resolve("pid");
    CommandRunner quick = new CommandRunner(CommandRunner.KILL_GRACE, Duration.ofMillis(300));
    CommandSpec spec = spec("/bin/sh", "-c",
        // The trailing sleep makes sure the reader is blocked on the pipe when the shell exits.
        "sleep 300 & echo $! > '" + pidFile + "'; echo parent done; sleep 0.5");

    CommandResult result = quick.run(spec, Map.of(), LIMIT, new Cancellation());

    long strayPid = readPid(pidFile);
    ProcessHandle.of(strayPid).ifPresent(ProcessHandle::destroyForcibly);
    assertThat(result.exitCode()).isZero();
    assertThat(result.killed()).isFalse();
    assertThat(result.output()).startsWith("parent done\n").contains("output still open");
  }
}
