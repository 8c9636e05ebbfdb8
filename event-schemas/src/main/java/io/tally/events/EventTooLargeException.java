package io.tally.events;

/** An envelope whose JSON exceeds {@link Limits#MAX_EVENT_BYTES}; the decider rejects the command instead. */
public final class EventTooLargeException extends RuntimeException {

  private final int size;

  public EventTooLargeException(int size) {
    super("event is " + size + " bytes; the limit is " + Limits.MAX_EVENT_BYTES);
    this.size = size;
  }

  public int size() {
    return size;
  }
}
