package dev.chime.config;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls back when a config file's content changes. Watches the file's directory (a Kubernetes
 * ConfigMap swaps a symlink there rather than writing the file), waits for writes to settle, and
 * compares content digests, so a touch or a rewrite with the same bytes is no change.
 */
public final class ConfigWatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);
  private static final long SETTLE_MILLIS = 500;

  private final Path file;
  private final Runnable onChange;
  private final WatchService watcher;
  private final Thread thread;
  private byte[] digest;

  private ConfigWatcher(Path file, Runnable onChange) throws IOException {
    this.file = file.toAbsolutePath();
    this.onChange = onChange;
    this.watcher = this.file.getFileSystem().newWatchService();
    this.digest = digest();
    this.file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
    this.thread = new Thread(this::loop, "chime-config-watch");
    this.thread.setDaemon(true);
  }

  /** Starts watching; {@code onChange} runs on the watcher's thread. */
  public static ConfigWatcher start(Path file, Runnable onChange) throws IOException {
    ConfigWatcher watcher = new ConfigWatcher(file, onChange);
    watcher.thread.start();
    return watcher;
  }

  private void loop() {
    try {
      while (true) {
        WatchKey key = watcher.take();
        // Writes come in bursts (editors, ConfigMap updates): act once they have settled.
        for (WatchKey more = watcher.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS); more != null;
            more = watcher.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) {
          more.pollEvents();
          more.reset();
        }
        key.pollEvents();
        key.reset();
        changed();
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed: stop watching
    }
  }

  private void changed() {
    try {
      byte[] now = digest();
      if (!Arrays.equals(now, digest)) {
        digest = now;
        log.info("Config file {} changed: reloading", file);
        onChange.run();
      }
    } catch (RuntimeException e) {
      log.error("Config reload after a change of {} failed: {}", file, e.getMessage(), e);
    }
  }

  private byte[] digest() {
    try {
      return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    } catch (IOException e) {
      return new byte[0]; // missing for a moment during a swap: the next event compares again
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  @Override
  public void close() {
    try {
      watcher.close();
    } catch (IOException e) {
      log.warn("closing the config watcher: {}", e.getMessage());
    }
    thread.interrupt();
  }
}
