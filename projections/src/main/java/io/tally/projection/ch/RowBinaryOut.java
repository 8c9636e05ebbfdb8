package io.tally.projection.ch;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array that writes ClickHouse RowBinary values. Plain array writes: a Vert.x buffer checks its
 * reference count on every append, which was a tenth of the row encoding's time.
 */
final class RowBinaryOut {
  private byte[] bytes;
  private int size;

  RowBinaryOut(int capacity) {
    bytes = new byte[Math.max(16, capacity)];
  }

  void int8(int value) {
    room(1);
    bytes[size++] = (byte) value;
  }

  void int16(int value) {
    room(2);
    bytes[size++] = (byte) value;
    bytes[size++] = (byte) (value >>> 8);
  }

  void int32(long value) {
    room(4);
    for (int i = 0; i < 4; i++) {
      bytes[size++] = (byte) (value >>> (8 * i));
    }
  }

  void int64(long value) {
    room(8);
    for (int i = 0; i < 8; i++) {
      bytes[size++] = (byte) (value >>> (8 * i));
    }
  }

  void raw(byte[] value) {
    room(value.length);
    System.arraycopy(value, 0, bytes, size, value.length);
    size += value.length;
  }

  /** Length as an unsigned LEB128 varint, then the UTF-8 bytes; ASCII is copied char by char, no encoder. */
  void text(String value) {
    int n = value.length();
    boolean ascii = true;
    for (int i = 0; i < n && ascii; i++) {
      ascii = value.charAt(i) < 0x80;
    }
    if (!ascii) {
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      varint(utf8.length);
      raw(utf8);
      return;
    }
    varint(n);
    room(n);
    for (int i = 0; i < n; i++) {
      bytes[size++] = (byte) value.charAt(i);
    }
  }

  private void varint(long length) {
    while (length >= 0x80) {
      int8((int) (length | 0x80));
      length >>>= 7;
    }
    int8((int) length);
  }

  byte[] toArray() {
    return Arrays.copyOf(bytes, size);
  }

  Buffer toBuffer() {
    return Buffer.buffer(size).appendBytes(bytes, 0, size);
  }

  private void room(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
