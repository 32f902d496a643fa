package dev.chime.execution.command;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An output sink that keeps at most {@code limitBytes} bytes in memory however much is written:
 * the first half of the limit (the head) and the most recent half (the tail, a ring buffer).
 * Everything written is counted; what falls between head and tail is dropped and reported by
 * {@link #excerpt()}.
 *
 * <p>Safe for one writer thread and readers calling {@link #excerpt()} or the counters at any time
 * (all methods are synchronized).
 */
public final class BoundedOutput extends OutputStream {

  private final byte[] head;
  private final byte[] tail;
  private int headLength;
  private int tailStart;
  private int tailLength;
  private long total;

  /**
   * Creates a sink keeping at most {@code limitBytes} bytes; 0 keeps nothing but still counts.
   *
   * @throws IllegalArgumentException if {@code limitBytes} is negative
   */
  public BoundedOutput(int limitBytes) {
    if (limitBytes < 0) {
      throw new IllegalArgumentException("Output limit must not be negative: " + limitBytes);
    }
    int headLimit = limitBytes / 2;
    head = new byte[headLimit];
    tail = new byte[limitBytes - headLimit];
  }

  @Override
  public synchronized void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    total += length;
    int toHead = Math.min(length, head.length - headLength);
    System.arraycopy(bytes, offset, head, headLength, toHead);
    headLength += toHead;
    appendToTail(bytes, offset + toHead, length - toHead);
  }

  private void appendToTail(byte[] bytes, int offset, int length) {
    int capacity = tail.length;
    if (length == 0 || capacity == 0) {
      return;
    }
    if (length >= capacity) {
      System.arraycopy(bytes, offset + length - capacity, tail, 0, capacity);
      tailStart = 0;
      tailLength = capacity;
      return;
    }
    int writeAt = (tailStart + tailLength) % capacity;
    int firstPart = Math.min(length, capacity - writeAt);
    System.arraycopy(bytes, offset, tail, writeAt, firstPart);
    System.arraycopy(bytes, offset + firstPart, tail, 0, length - firstPart);
    int overwritten = Math.max(0, tailLength + length - capacity);
    tailLength = Math.min(capacity, tailLength + length);
    tailStart = (tailStart + overwritten) % capacity;
  }

  /** All bytes ever written, kept or not. */
  public synchronized long totalBytes() {
    return total;
  }

  /** Bytes written but not kept (between the head and the tail). */
  public synchronized long droppedBytes() {
    return total - headLength - tailLength;
  }

  /**
   * The kept output decoded as UTF-8 (malformed or cut sequences become U+FFFD): the head, then,
   * if anything was dropped, a line {@code [... N bytes dropped ...]}, then the tail.
   */
  public synchronized String excerpt() {
    byte[] tailBytes = tailInOrder();
    long dropped = droppedBytes();
    if (dropped == 0) {
      byte[] all = new byte[headLength + tailBytes.length];
      System.arraycopy(head, 0, all, 0, headLength);
      System.arraycopy(tailBytes, 0, all, headLength, tailBytes.length);
      return decode(all, all.length);
    }
    return decode(head, headLength)
        + "\n[... " + dropped + " bytes dropped ...]\n"
        + decode(tailBytes, tailBytes.length);
  }

  private byte[] tailInOrder() {
    byte[] ordered = new byte[tailLength];
    int firstPart = Math.min(tailLength, tail.length - tailStart);
    System.arraycopy(tail, tailStart, ordered, 0, firstPart);
    System.arraycopy(tail, 0, ordered, firstPart, tailLength - firstPart);
    return ordered;
  }

  private static String decode(byte[] bytes, int length) {
    // The String constructor always replaces malformed input; it never throws.
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }
}
