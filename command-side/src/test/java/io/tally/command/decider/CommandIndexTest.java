package io.tally.command.decider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CommandIndexTest {

  @Test
  void remembersEveryCommandThroughGrowthAndKeepsTheFirstOffset() {
    CommandIndex index = new CommandIndex();
    Random rnd = new Random(7);
    long[] keys = new long[100_000];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = rnd.nextLong();
      index.putIfAbsent(keys[i], i);
    }
    index.putIfAbsent(keys[10], 999_999);
    assertThat(index.size()).isEqualTo(keys.length);
    for (int i = 0; i < keys.length; i++) {
      assertThat(index.get(keys[i])).isEqualTo(i);
    }
    assertThat(index.get(12345L)).isEqualTo(-1);
  }

  @Test
  void theHashZeroIsAnOrdinaryKey() {
    CommandIndex index = new CommandIndex();
    assertThat(index.get(0L)).isEqualTo(-1);
    index.putIfAbsent(0L, 3);
    assertThat(index.get(0L)).isEqualTo(3);
  }
}
