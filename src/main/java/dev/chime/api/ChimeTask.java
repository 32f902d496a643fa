package dev.chime.api;

/**
 * A {@code java} job: implement this in your own jar, put the jar in chime's {@code lib/} directory
 * (or pass it with {@code chime run --classpath}), and name the class in the job's config:
 *
 * <pre>{@code
 * reindex {
 *   cron = "0 0 3 * * ?"
 *   parameters { batchSize = 500 }
 *   java { class = "com.acme.jobs.Reindex" }
 * }
 * }</pre>
 *
 * <p>chime creates a new instance (public no-argument constructor) for every run and calls {@link
 * #run} on a worker thread. Return {@link TaskResult#success} or {@link TaskResult#failure}; an
 * exception is a failed run with its message recorded. Honour cancellation: when the job's timeout
 * passes or the node shuts down, {@link TaskContext#isCancelled()} turns true, the {@link
 * TaskContext#onCancel} callbacks run and the thread is interrupted — stop promptly. Use {@link
 * TaskContext#idempotencyKey()} to make the work safe to repeat: a fire can be run again after a
 * node failure.
 */
@FunctionalInterface
public interface ChimeTask {

  TaskResult run(TaskContext context) throws Exception;
}
