package dev.chime.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chime.execution.RunListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.quartz.TriggerBuilder;

class MisfireListenerTest {

  @Test
  void reportsMisfiresOfChimesJobsOnly() {
    List<String> misfired = new CopyOnWriteArrayList<>();
    MisfireListener listener = new MisfireListener(new RunListener() {
      @Override
      public void misfired(String job) {
        misfired.add(job);
      }
    });
    listener.triggerMisfired(TriggerBuilder.newTrigger().withIdentity("order-sync", "chime").forJob("order-sync", "chime").build());
    listener.triggerMisfired(TriggerBuilder.newTrigger().withIdentity("order-sync@1#2", "chime-retry").forJob("order-sync", "chime").build());
    listener.triggerMisfired(TriggerBuilder.newTrigger().withIdentity("purge", "chime-system").forJob("purge", "chime-system").build());
    assertThat(misfired).containsExactly("order-sync", "order-sync");
    assertThat(listener.vetoJobExecution(null, null)).isFalse();
  }
}
