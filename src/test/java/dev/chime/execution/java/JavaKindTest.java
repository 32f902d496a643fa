package dev.chime.execution.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chime.ChimeException;
import dev.chime.config.JavaSpec;
import dev.chime.execution.Cancellation;
import dev.chime.execution.KindRunner.KindResult;
import dev.chime.execution.RunContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaKindTest {

  @TempDir Path dir;

  private static RunContext context(Map<String, String> parameters) {
    return new RunContext(7, "reindex", Instant.parse("2026-11-25T03:00:00Z"), Instant.now(), "f1", 1, "node-a",
        false, parameters, java.util.Optional.empty(), Instant.parse("2026-11-25T03:00:00Z"));
  }

  private final JavaKind kind = new JavaKind(getClass().getClassLoader());

  @Test
  void runsTheTaskWithItsContextAndParameters() throws Exception {
    KindResult result = kind.run(new JavaSpec(ExampleTask.class.getName()), context(Map.of("batches", "3")), 1000, new Cancellation());
    assertThat(result.success()).isTrue();
    assertThat(result.output()).isEqualTo("reindexed 3 batches for reindex@2026-11-25T03:00:00Z (attempt 1 on node-a)");
  }

  @Test
  void aFailureResultIsAFailedRunWithItsMessage() throws Exception {
    KindResult result = kind.run(new JavaSpec(ExampleTask.class.getName()), context(Map.of("fail", "disk full")), 1000, new Cancellation());
    assertThat(result.success()).isFalse();
    assertThat(result.message()).isEqualTo("asked to fail: disk full");
  }

  @Test
  void cancellationInterruptsTheTask() throws Exception {
    Cancellation cancellation = new Cancellation();
    CompletableFuture<KindResult> running = CompletableFuture.supplyAsync(() -> {
      try {
        return kind.run(new JavaSpec(ExampleTask.class.getName()),
            context(Map.of("batches", "1000", "pauseMillis", "60000")), 1000, cancellation);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    cancellation.cancel(Cancellation.Reason.TIMEOUT);
    // Cancelled before its first batch, the task returns a failure; cancelled mid-sleep, it is interrupted.
    String ending = running
        .handle((result, error) -> result != null ? result.message() : rootCause(error).toString())
        .get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(ending).matches("stopped after \\d+ of 1000 batches: cancelled|java.lang.InterruptedException.*");
  }

  @Test
  void unknownClassAndWrongTypeSayWhatIsWrong() {
    assertThatThrownBy(() -> kind.run(new JavaSpec("com.acme.Missing"), context(Map.of()), 1000, new Cancellation()))
        .isInstanceOf(ChimeException.class)
        .hasMessage("class com.acme.Missing not found in chime.java-jobs.lib-dir or --classpath on this node");
    assertThatThrownBy(() -> kind.run(new JavaSpec("java.lang.String"), context(Map.of()), 1000, new Cancellation()))
        .hasMessage("class java.lang.String does not implement dev.chime.api.ChimeTask");
  }

  @Test
  void loadsATaskFromAJarInTheLibDirectory() throws Exception {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    buildJar(lib.resolve("team-jobs.jar"), "com.acme.Hello", """
        package com.acme;
        public class Hello implements dev.chime.api.ChimeTask {
          public dev.chime.api.TaskResult run(dev.chime.api.TaskContext c) {
            return dev.chime.api.TaskResult.success("hello from a team jar, " + c.job());
          }
        }
        """);
    JavaKind fromLib = new JavaKind(TaskClassLoader.of(lib, List.of()));
    KindResult result = fromLib.run(new JavaSpec("com.acme.Hello"), context(Map.of()), 1000, new Cancellation());
    assertThat(result.output()).isEqualTo("hello from a team jar, reindex");
  }

  private static Throwable rootCause(Throwable t) {
    return t.getCause() == null ? t : rootCause(t.getCause());
  }

  /** Compiles one class against chime's API and packs it in a jar: a team's jar, made in the test. */
  private void buildJar(Path jar, String className, String source) throws IOException {
    Path src = dir.resolve("src").resolve(className.replace('.', '/') + ".java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, source);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    int status = ToolProvider.getSystemJavaCompiler().run(null, null, null,
        "-classpath", System.getProperty("java.class.path"), "-d", classes.toString(), src.toString());
    assertThat(status).as("compiled").isZero();
    String entry = className.replace('.', '/') + ".class";
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
      jarOut.putNextEntry(new JarEntry(entry));
      jarOut.write(Files.readAllBytes(classes.resolve(entry)));
      jarOut.closeEntry();
    }
  }
}
