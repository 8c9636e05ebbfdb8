package io.tally.projection.runtime;

/** The runtime's book-keeping for one assigned partition; touched by the poll thread only. */
final class PartitionProgress {
  final int partition;
  /** Next offset the store does not have yet; -1 until the resume point is loaded. */
  long appliedNext = -1;
  /** Where the runtime sought to when it took the partition, from the sink's resume point. */
  long resumedFrom = -1;
  /** Next offset to be fetched (last polled + 1). */
  long fetchedNext = -1;
  /** Log end (last stable offset for read_committed); -1 until known. */
  long endOffset = -1;
  /** Kafka timestamp of the last applied record, for lag in seconds when nothing newer is fetched yet. */
  long lastAppliedTimestampMs = -1;

  PartitionProgress(int partition) {
    this.partition = partition;
  }

  void seekTo(long offset) {
    appliedNext = offset;
    resumedFrom = offset;
    fetchedNext = offset;
  }

  long lagEvents() {
    if (endOffset < 0 || appliedNext < 0) {
      return 0;
    }
    return Math.max(0, endOffset - appliedNext);
  }
}
