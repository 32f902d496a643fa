package dev.chime.execution.java;

import dev.chime.ChimeException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The class loader for java jobs: every jar in the lib directory, then the --classpath entries. */
public final class TaskClassLoader {

  private static final Logger log = LoggerFactory.getLogger(TaskClassLoader.class);

  private TaskClassLoader() {}

  public static ClassLoader of(Path libDir, List<Path> classpath) {
    List<URL> urls = new ArrayList<>();
    if (Files.isDirectory(libDir)) {
      try (Stream<Path> jars = Files.list(libDir)) {
        jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> urls.add(url(p)));
      } catch (IOException e) {
        throw new ChimeException("cannot list java job jars in " + libDir + ": " + e.getMessage(), e);
      }
    }
    classpath.forEach(p -> urls.add(url(p)));
    if (!urls.isEmpty()) {
      log.info("java jobs load classes from {}", urls);
    }
    return new URLClassLoader("chime-tasks", urls.toArray(URL[]::new), TaskClassLoader.class.getClassLoader());
  }

  private static URL url(Path path) {
    try {
      return path.toAbsolutePath().toUri().toURL();
    } catch (MalformedURLException e) {
      throw new ChimeException("not a usable class path entry: " + path, e);
    }
  }
}
