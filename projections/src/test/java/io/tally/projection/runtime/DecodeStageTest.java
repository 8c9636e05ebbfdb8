package io.tally.projection.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.order.ReadOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Polls decoded off the poll thread still reach the batch in poll order, and a reload forgets them. */
class DecodeStageTest {

  private static List<ConsumerRecord<byte[], byte[]>> poll(int partition, long from, int count) {
    return IntStream.range(0, count).mapToObj(i -> new ConsumerRecord<>("t", partition, from + i,
        1_000L + from + i, org.apache.kafka.common.record.TimestampType.CREATE_TIME, 0, 0, (byte[]) null,
        new byte[0], new org.apache.kafka.common.header.internals.RecordHeaders(), java.util.Optional.empty()))
        .toList();
  }

  private static List<DecodedRecord> asPoison(List<ConsumerRecord<byte[], byte[]>> records) {
    return records.stream().<DecodedRecord>map(r -> new DecodedRecord.Poison(r, ReadOutcome.Reason.UNPARSEABLE,
        "x", "y")).toList();
  }

  private static List<Long> offsets(PendingRecords pending) {
    List<Long> offsets = new ArrayList<>();
    pending.take(Integer.MAX_VALUE).forEach(r -> offsets.add(r.offset()));
    return offsets;
  }

  @Test
  void largePollsDecodeOnTheirOwnThreadAndArriveInPollOrderBehindEarlierOnes() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (DecodeStage stage = new DecodeStage("p", records -> {
      if (records.size() >= DecodeStage.ASYNC_FROM) {
        await(release);
      }
      return asPoison(records);
    })) {
      PendingRecords pending = new PendingRecords();
      stage.submit(poll(0, 0, 600), 1);
      stage.submit(poll(0, 600, 3), 2); // small, but behind a queued poll: must not overtake it
      assertThat(stage.size()).isEqualTo(603);
      assertThat(stage.oldestTimestamps()).containsEntry(0, 1_000L);

      stage.drainInto(pending);
      assertThat(pending.size()).isZero();

      release.countDown();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (stage.size() > 0 && System.nanoTime() < deadline) {
        stage.drainInto(pending);
        Thread.sleep(5);
      }
      assertThat(stage.size()).isZero();
      assertThat(offsets(pending)).containsExactlyElementsOf(LongStream.range(0, 603).boxed().toList());
    }
  }

  @Test
  void smallPollsWithNothingQueuedDecodeInLine() {
    List<String> threads = new ArrayList<>();
    try (DecodeStage stage = new DecodeStage("p", records -> {
      threads.add(Thread.currentThread().getName());
      return asPoison(records);
    })) {
      PendingRecords pending = new PendingRecords();
      stage.submit(poll(1, 10, 5), 1);
      stage.drainInto(pending);
      assertThat(threads).containsExactly(Thread.currentThread().getName());
      assertThat(offsets(pending)).containsExactly(10L, 11L, 12L, 13L, 14L);
    }
  }

  @Test
  void clearForgetsWhatIsStillDecoding() {
    CountDownLatch never = new CountDownLatch(1);
    try (DecodeStage stage = new DecodeStage("p", records -> {
      await(never);
      return asPoison(records);
    })) {
      stage.submit(poll(0, 0, 1_000), 1);
      stage.clear();
      PendingRecords pending = new PendingRecords();
      stage.drainInto(pending);
      assertThat(stage.size()).isZero();
      assertThat(stage.oldestTimestamps()).isEmpty();
      assertThat(pending.size()).isZero();
      never.countDown();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
