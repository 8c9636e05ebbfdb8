package io.tally.command.decider;


/**
 * Which commands of one partition were decided, and where their first outcome is: 64-bit command hash to offset
 * on {@code orders.command-results}. Two primitive arrays with open addressing cost 32 bytes per command at most,
 * so a partition remembers every command in the results topic's retention, not just a recent window.
 *
 * <p>A hash says "maybe seen"; the caller reads the outcome at the offset and compares the command id, so a hash
 * collision can never return another command's outcome. Two different commands with one hash (about 3e-8 for a
 * million commands) would leave the second unindexed: a retry of it would be decided again by the lifecycle.
 */
final class CommandIndex {
  private static final long EMPTY = 0L;
  private long[] keys = new long[1024];
  private long[] offsets = new long[1024];
  private int size;

  /** The offset of the first outcome, or -1. */
  long get(long hash) {
    long key = nonEmpty(hash);
    int mask = keys.length - 1;
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      if (keys[i] == EMPTY) {
        return -1;
      }
      if (keys[i] == key) {
        return offsets[i];
      }
    }
  }

  /** Keeps the first offset for a hash: a later outcome of the same command is a repeat, never the answer. */
  void putIfAbsent(long hash, long offset) {
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    insert(nonEmpty(hash), offset);
  }

  int size() {
    return size;
  }

  private void insert(long key, long offset) {
    int mask = keys.length - 1;
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      if (keys[i] == EMPTY) {
        keys[i] = key;
        offsets[i] = offset;
        size++;
        return;
      }
      if (keys[i] == key) {
        return;
      }
    }
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldOffsets = offsets;
    keys = new long[oldKeys.length * 2];
    offsets = new long[oldKeys.length * 2];
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        insert(oldKeys[i], oldOffsets[i]);
      }
    }
  }

  private static int slot(long key, int mask) {
    return (int) (key ^ (key >>> 32)) & mask;
  }

  private static long nonEmpty(long hash) {
    return hash == EMPTY ? 1L : hash;
  }

  @Override
  public String toString() {
    return "CommandIndex[" + size + " of " + keys.length + "]";
  }
}
