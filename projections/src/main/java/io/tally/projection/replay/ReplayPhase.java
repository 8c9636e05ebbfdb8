package io.tally.projection.replay;

/** Where a replay is: building the shadow, catching up with the live view, swapping, or finished. */
public enum ReplayPhase {
  PREPARING, REBUILDING, SWAPPING, DONE, FAILED;

  public boolean active() {
    return this == PREPARING || this == REBUILDING || this == SWAPPING;
  }

  public String code() {
    return name().toLowerCase();
  }
}
