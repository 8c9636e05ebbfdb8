package io.tally.command.wire;

import java.nio.charset.StandardCharsets;

/**
 * 64-bit FNV-1a with a SplitMix64 finaliser: fast, stable across JVMs and releases (unlike String.hashCode's
 * 32 bits), and spread well enough to key the decider's idempotency index (see CommandIndex for collisions).
 */
public final class Hashes {
  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private Hashes() {}

  public static long of(byte[] bytes) {
    long h = OFFSET;
    for (byte b : bytes) {
      h ^= (b & 0xff);
      h *= PRIME;
    }
    return mix(h);
  }

  /** The index key of a command: its tenant and id (ids are unique per tenant). */
  public static long command(String tenant, String commandId) {
    return of((tenant + '\u0000' + commandId).getBytes(StandardCharsets.UTF_8));
  }

  public static String hex(byte[] bytes) {
    return String.format("%016x", of(bytes));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
