package dev.chime.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Dockerfile read as Docker reads it — comments dropped, continuation lines joined — into its
 * stages' instructions. Enough for the tests: ENV, ENTRYPOINT/CMD (exec form), COPY, USER, ...
 */
record Dockerfile(List<Stage> stages) {

  record Instruction(String keyword, String arguments) {}

  record Stage(String from, List<Instruction> instructions) {

    List<String> all(String keyword) {
      return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    Optional<String> last(String keyword) {
      List<String> found = all(keyword);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
    }

    /** ENV KEY=value ... (and the legacy ENV KEY value), in order; later wins. */
    Map<String, String> env() {
      Map<String, String> env = new LinkedHashMap<>();
      for (String args : all("ENV")) {
        List<String> words = words(args);
        if (words.size() >= 1 && !words.get(0).contains("=")) {
          env.put(words.get(0), args.trim().substring(words.get(0).length()).trim());
          continue;
        }
        for (String word : words) {
          int eq = word.indexOf('=');
          env.put(word.substring(0, eq), word.substring(eq + 1));
        }
      }
      return env;
    }

    /** An exec-form (JSON array) ENTRYPOINT or CMD; fails on the shell form. */
    List<String> execForm(String keyword) {
      String args = last(keyword).orElseThrow(() -> new AssertionError("no " + keyword));
      try {
        return List.of(DeployFiles.JSON.readValue(args, String[].class));
      } catch (JsonProcessingException e) {
        throw new AssertionError(keyword + " is not in exec form (a JSON array): " + args, e);
      }
    }
  }

  static Dockerfile read(Path file) {
    List<Stage> stages = new ArrayList<>();
    List<Instruction> current = null;
    StringBuilder pending = new StringBuilder();
    for (String line : DeployFiles.read(file).split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.length() == 0)) {
        continue; // comments, also inside continuations, are removed by Docker
      }
      if (trimmed.endsWith("\\")) {
        pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      pending.append(trimmed);
      String text = pending.toString().strip();
      pending.setLength(0);
      if (text.isEmpty()) {
        continue;
      }
      int space = text.indexOf(' ');
      String keyword = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
      String arguments = space < 0 ? "" : text.substring(space + 1).strip();
      if (keyword.equals("FROM")) {
        current = new ArrayList<>();
        stages.add(new Stage(arguments, current));
      } else if (current != null) {
        current.add(new Instruction(keyword, arguments));
      }
    }
    return new Dockerfile(stages);
  }

  Stage runtime() {
    return stages.get(stages.size() - 1);
  }

  /** Whitespace-separated words; double quotes group and are removed. */
  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        word.append(text.charAt(++i));
        any = true;
      } else if (c == '"') {
        quoted = !quoted;
        any = true;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (any) {
          words.add(word.toString());
          word.setLength(0);
          any = false;
        }
      } else {
        word.append(c);
        any = true;
      }
    }
    if (any) {
      words.add(word.toString());
    }
    return words;
  }
}
