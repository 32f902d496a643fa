package dev.chime.execution.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedOutputTest {

  private static BoundedOutput written(int limit, String text) {
    BoundedOutput out = new BoundedOutput(limit);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.write(bytes, 0, bytes.length);
    return out;
  }

  @Test
  void underTheLimitKeepsEverything() {
    BoundedOutput out = written(100, "hello\nworld\n");

    assertThat(out.excerpt()).isEqualTo("hello\nworld\n");
    assertThat(out.totalBytes()).isEqualTo(12);
    assertThat(out.droppedBytes()).isZero();
  }

  @Test
  void exactlyAtTheLimitKeepsEverything() {
    BoundedOutput out = written(10, "0123456789");

    assertThat(out.excerpt()).isEqualTo("0123456789");
    assertThat(out.droppedBytes()).isZero();
  }

  @Test
  void multiByteCharacterAcrossHeadAndTailIsIntactWhenNothingDropped() {
    BoundedOutput out = written(4, "a€"); // 1 + 3 bytes: the euro sign spans head and tail

    assertThat(out.excerpt()).isEqualTo("a€");
  }

  @Test
  void overTheLimitKeepsHeadAndTailAndCountsDropped() {
    BoundedOutput out = written(10, "abcdefghijklmnopqrstuvwxyz");

    assertThat(out.totalBytes()).isEqualTo(26);
    assertThat(out.droppedBytes()).isEqualTo(16);
    assertThat(out.excerpt()).isEqualTo("abcde\n[... 16 bytes dropped ...]\nvwxyz");
  }

  @Test
  void tailWrapsAroundOverManySmallWrites() {
    BoundedOutput out = new BoundedOutput(7); // head 3, tail 4
    for (char c = 'a'; c <= 'z'; c++) {
      out.write(c);
    }

    assertThat(out.excerpt()).isEqualTo("abc\n[... 19 bytes dropped ...]\nwxyz");
    assertThat(out.totalBytes()).isEqualTo(26);
  }

  @Test
  void mixedWriteSizesKeepTheLatestTail() {
    BoundedOutput out = new BoundedOutput(8); // head 4, tail 4
    byte[] chunk = "0123456789".getBytes(StandardCharsets.US_ASCII);
    out.write(chunk, 0, 6); // head 0123, tail 45
    out.write(chunk, 6, 3); // tail 4567 + 8 -> 5678
    out.write(chunk, 9, 1); // tail 6789

    assertThat(out.excerpt()).isEqualTo("0123\n[... 2 bytes dropped ...]\n6789");
  }

  @Test
  void multiByteCharactersCutAtTheEdgesAreDecodedLeniently() {
    BoundedOutput out = written(6, "a€€€€"); // 13 bytes; head "a" + 2 bytes of a euro sign

    String excerpt = out.excerpt();

    assertThat(out.droppedBytes()).isEqualTo(7);
    assertThat(excerpt).startsWith("a\uFFFD").endsWith("\n€").contains("[... 7 bytes dropped ...]");
  }

  @Test
  void limitZeroKeepsNothingButCounts() {
    BoundedOutput out = written(0, "hello");

    assertThat(out.totalBytes()).isEqualTo(5);
    assertThat(out.droppedBytes()).isEqualTo(5);
    assertThat(out.excerpt()).isEqualTo("\n[... 5 bytes dropped ...]\n");
  }

  @Test
  void emptyOutputHasEmptyExcerpt() {
    assertThat(new BoundedOutput(10).excerpt()).isEmpty();
    assertThat(new BoundedOutput(0).excerpt()).isEmpty();
  }

  @Test
  void negativeLimitIsRejected() {
    assertThatThrownBy(() -> new BoundedOutput(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
