package io.tally.lake.read;

/**
 * An {@code asOf} snapshot id the gold table does not have (never had, or expired by maintenance). Its own type,
 * still an IllegalArgumentException, so a caller can tell "no such snapshot" (404) from a malformed asOf (400).
 */
public final class UnknownSnapshot extends IllegalArgumentException {
  private final long snapshotId;

  UnknownSnapshot(long snapshotId, String table) {
    super("the lake has no snapshot " + snapshotId + " of " + table);
    this.snapshotId = snapshotId;
  }

  public long snapshotId() {
    return snapshotId;
  }
}
