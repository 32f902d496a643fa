package dev.chime.execution;

import dev.chime.config.KindSpec;
import java.util.HashMap;
import java.util.Map;

/** The runner for each job kind; the executor looks a definition's kind up here. */
public final class KindRunners {

  private final Map<Class<? extends KindSpec>, KindRunner<?>> runners = new HashMap<>();

  public <S extends KindSpec> KindRunners with(Class<S> kind, KindRunner<S> runner) {
    runners.put(kind, runner);
    return this;
  }

  @SuppressWarnings("unchecked")
  <S extends KindSpec> KindRunner.KindResult run(S spec, RunContext context, long outputLimit, Cancellation cancellation)
      throws Exception {
    KindRunner<S> runner = (KindRunner<S>) runners.get(spec.getClass());
    if (runner == null) {
      throw new IllegalStateException("no runner for job kind '" + spec.kind() + "' on this node");
    }
    return runner.run(spec, context, outputLimit, cancellation);
  }
}
