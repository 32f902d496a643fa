package dev.chime.execution.java;

import dev.chime.ChimeException;
import dev.chime.api.ChimeTask;
import dev.chime.api.TaskContext;
import dev.chime.api.TaskResult;
import dev.chime.config.JavaSpec;
import dev.chime.execution.Cancellation;
import dev.chime.execution.KindRunner;
import dev.chime.execution.RunContext;
import java.time.Instant;
import java.util.Map;

/**
 * The {@code java} kind: a new {@link ChimeTask} instance per run, loaded from the task class
 * loader (lib/ and --classpath). Cancellation interrupts the worker thread as well as signalling
 * the context, so a task blocked in interruptible I/O or a sleep stops too.
 */
public final class JavaKind implements KindRunner<JavaSpec> {

  private final ClassLoader tasks;

  public JavaKind(ClassLoader tasks) {
    this.tasks = tasks;
  }

  @Override
  public KindResult run(JavaSpec spec, RunContext context, long outputLimit, Cancellation cancellation)
      throws Exception {
    ChimeTask task = instantiate(spec.className());
    Thread worker = Thread.currentThread();
    cancellation.onCancel(worker::interrupt);
    TaskResult result;
    try {
      result = task.run(new Context(context, cancellation));
    } finally {
      Thread.interrupted(); // a late cancel must not leak into the next job on this thread
    }
    String message = result.message().orElse(null);
    String output = message == null ? "" : truncate(message, outputLimit);
    return KindResult.of(result.succeeded(), result.succeeded() ? null : message, output, message == null ? 0 : message.length());
  }

  private ChimeTask instantiate(String className) {
    try {
      Class<?> type = Class.forName(className, true, tasks);
      if (!ChimeTask.class.isAssignableFrom(type)) {
        throw new ChimeException("class " + className + " does not implement " + ChimeTask.class.getName());
      }
      return (ChimeTask) type.getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      throw new ChimeException("class " + className + " not found in chime.java-jobs.lib-dir or --classpath on this node", e);
    } catch (ReflectiveOperationException e) {
      throw new ChimeException("cannot create " + className + " (it needs a public no-argument constructor): " + e, e);
    }
  }

  private static String truncate(String text, long limit) {
    return text.length() <= limit ? text : text.substring(0, (int) limit);
  }

  /** The run context as the task sees it. */
  private record Context(RunContext run, Cancellation cancellation) implements TaskContext {
    @Override public String job() { return run.job(); }
    @Override public Instant scheduledFireTime() { return run.scheduledFireTime(); }
    @Override public Instant actualFireTime() { return run.actualFireTime(); }
    @Override public String fireInstanceId() { return run.fireInstanceId(); }
    @Override public int attempt() { return run.attempt(); }
    @Override public String node() { return run.node(); }
    @Override public boolean recovering() { return run.recovering(); }
    @Override public String idempotencyKey() { return run.idempotencyKey(); }
    @Override public Map<String, String> parameters() { return run.parameters(); }
    @Override public boolean isCancelled() { return cancellation.isCancelled(); }
    @Override public void onCancel(Runnable callback) { cancellation.onCancel(callback); }
  }
}
