package dev.chime.execution.java;

import dev.chime.api.ChimeTask;
import dev.chime.api.TaskContext;
import dev.chime.api.TaskResult;

/**
 * The example java job: what a team writes in its own jar. It reads a parameter, does its work in
 * batches while honouring cancellation, and reports what it did.
 */
public class ExampleTask implements ChimeTask {

  @Override
  public TaskResult run(TaskContext context) throws InterruptedException {
    int batches = Integer.parseInt(context.parameters().getOrDefault("batches", "1"));
    long pause = Long.parseLong(context.parameters().getOrDefault("pauseMillis", "0"));
    for (int i = 0; i < batches; i++) {
      if (context.isCancelled()) {
        return TaskResult.failure("stopped after " + i + " of " + batches + " batches: cancelled");
      }
      Thread.sleep(pause); // stands for real work; interrupted on cancellation
    }
    if (context.parameters().containsKey("fail")) {
      return TaskResult.failure("asked to fail: " + context.parameters().get("fail"));
    }
    return TaskResult.success("reindexed " + batches + " batches for " + context.idempotencyKey()
        + " (attempt " + context.attempt() + " on " + context.node() + ")");
  }
}
