package io.tally.events;

/**
 * An event whose type or version this build cannot read: typically written by a newer producer. Consumers
 * dead-letter it as "unknown-version" rather than guess; it becomes readable after an upgrade and a replay.
 */
public final class UnknownSchemaVersionException extends RuntimeException {

  private final String type;
  private final int version;

  public UnknownSchemaVersionException(String type, int version) {
    super("unknown event schema " + type + " v" + version);
    this.type = type;
    this.version = version;
  }

  public String type() {
    return type;
  }

  public int version() {
    return version;
  }
}
