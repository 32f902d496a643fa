package dev.chime.execution.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills one started process and all its descendants: SIGTERM to the descendants, then to the
 * process; after a grace period SIGKILL to everything in the tree still alive. The kill runs on
 * its own daemon thread so that whoever cancels is not blocked for the grace period.
 */
final class ProcessTreeKiller {

  private static final Logger log = LoggerFactory.getLogger(ProcessTreeKiller.class);
  private static final Duration AFTER_KILL_WAIT = Duration.ofSeconds(2);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

  private final Process process;
  private final Duration grace;
  private Thread thread;
  private boolean started;

  ProcessTreeKiller(Process process, Duration grace) {
    this.process = process;
    this.grace = grace;
  }

  /** Starts the kill unless it has started already or the process has already exited. */
  synchronized void killAsync() {
    if (started || !process.isAlive()) {
      return;
    }
    started = true;
    log.info("Killing process {} and its descendants", process.pid());
    thread = new Thread(() -> terminate(process.toHandle(), grace), "chime-kill-" + process.pid());
    thread.setDaemon(true);
    thread.start();
  }

  /** Kills the whole tree with SIGKILL at once, on the calling thread. */
  synchronized void killNow() {
    started = true;
    List<ProcessHandle> tree = tree(process.toHandle());
    tree.forEach(ProcessHandle::destroyForcibly);
    awaitExit(tree, AFTER_KILL_WAIT);
  }

  /** Whether a kill was started. */
  synchronized boolean killed() {
    return started;
  }

  /** Waits (bounded) until a started kill has finished sending its signals. */
  void awaitFinished() {
    Thread killer;
    synchronized (this) {
      killer = thread;
    }
    if (killer != null) {
      CommandRunner.joinQuietly(killer, grace.plus(AFTER_KILL_WAIT).plus(AFTER_KILL_WAIT));
    }
  }

  static void terminate(ProcessHandle root, Duration grace) {
    List<ProcessHandle> tree = tree(root);
    tree.forEach(ProcessHandle::destroy);
    if (awaitExit(tree, grace)) {
      return;
    }
    Set<ProcessHandle> all = new LinkedHashSet<>(tree(root));
    all.addAll(tree);
    List<ProcessHandle> alive = all.stream().filter(ProcessTreeKiller::isRunning).toList();
    log.warn("Processes {} survived SIGTERM for {}; sending SIGKILL", pids(alive), grace);
    alive.forEach(ProcessHandle::destroyForcibly);
    if (!awaitExit(alive, AFTER_KILL_WAIT)) {
      log.error("Processes {} are still alive after SIGKILL", pids(alive));
    }
  }

  /** The descendants of {@code root} (deepest order not guaranteed), then {@code root} itself. */
  private static List<ProcessHandle> tree(ProcessHandle root) {
    List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
    tree.add(root);
    return tree;
  }

  /** Polls (ProcessHandle.onExit polls non-children too slowly) until all exited or timeout. */
  private static boolean awaitExit(List<ProcessHandle> handles, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (handles.stream().anyMatch(ProcessTreeKiller::isRunning)) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      try {
        Thread.sleep(POLL_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /**
   * Alive and not a zombie. A killed grandchild orphaned by its killed parent stays a zombie until
   * PID 1 reaps it (which a container's PID 1 may never do); it is dead, not worth waiting for.
   */
  static boolean isRunning(ProcessHandle handle) {
    return handle.isAlive() && !isZombie(handle.pid());
  }

  private static boolean isZombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      int commandEnd = stat.lastIndexOf(')');
      return commandEnd >= 0 && commandEnd + 2 < stat.length() && stat.charAt(commandEnd + 2) == 'Z';
    } catch (IOException | RuntimeException e) {
      return false; // no procfs (not Linux) or already gone: isAlive() decides
    }
  }

  private static String pids(List<ProcessHandle> handles) {
    return handles.stream().map(h -> String.valueOf(h.pid())).collect(Collectors.joining(", "));
  }
}
