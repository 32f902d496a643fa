package dev.chime.history;

import java.util.List;

/** One page of run records and how many match in all. */
public record RunPage(List<RunRecord> runs, long total, int offset, int limit) {

  public RunPage {
    runs = List.copyOf(runs);
  }

  public boolean hasNext() {
    return offset + runs.size() < total;
  }
}
