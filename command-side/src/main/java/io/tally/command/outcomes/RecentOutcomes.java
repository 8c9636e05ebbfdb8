package io.tally.command.outcomes;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last outcomes this instance saw on {@code orders.command-results}, as raw record values. Covers a GET right
 * after the POST, before the recorder has written the outcome to Postgres. Bounded; oldest go first.
 */
public final class RecentOutcomes {
  private final Map<String, byte[]> outcomes;

  public RecentOutcomes(int capacity) {
    this.outcomes = new LinkedHashMap<>(1024, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
        return size() > capacity;
      }
    };
  }

  /** A first outcome replaces nothing; a repeat is kept only when the first was never seen here. */
  public synchronized void remember(String key, byte[] value, boolean repeat) {
    if (repeat) {
      outcomes.putIfAbsent(key, value);
    } else {
      outcomes.put(key, value);
    }
  }

  public synchronized byte[] find(String key) {
    return outcomes.get(key);
  }
}
