package io.tally.command.wire;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the decider said about one command, as carried on {@code orders.command-results} and kept for GET.
 *
 * @param rule        the refusing rule's code; null when accepted
 * @param version     the order's version after the decision (unchanged when refused)
 * @param fingerprint hash of the command as decided, so a reused command id with another body is recognised
 * @param repeat      this is a re-answer: the command id was decided before and nothing was appended now
 * @param reusedId    a repeat whose body differs from the first command with this id
 */
public record Outcome(
    String commandId,
    String tenant,
    String orderId,
    String commandType,
    boolean accepted,
    String rule,
    String message,
    long version,
    List<AppendedEvent> events,
    Instant decidedAt,
    String fingerprint,
    boolean repeat,
    boolean reusedId) {

  public Outcome {
    Objects.requireNonNull(commandId, "commandId");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(decidedAt, "decidedAt");
    events = List.copyOf(events);
  }

  public static Outcome accepted(String commandId, String tenant, String orderId, String type, long version,
                                 List<AppendedEvent> events, Instant at, String fingerprint) {
    return new Outcome(commandId, tenant, orderId, type, true, null, null, version, events, at, fingerprint,
        false, false);
  }

  public static Outcome rejected(String commandId, String tenant, String orderId, String type, String rule,
                                 String message, long version, Instant at, String fingerprint) {
    return new Outcome(commandId, tenant, orderId, type, false, rule, message, version, List.of(), at,
        fingerprint, false, false);
  }

  /** This first outcome given again to a repeated command whose fingerprint is {@code repeatFingerprint}. */
  public Outcome asRepeat(String repeatFingerprint) {
    boolean differs = fingerprint != null && repeatFingerprint != null && !fingerprint.equals(repeatFingerprint);
    return new Outcome(commandId, tenant, orderId, commandType, accepted, rule, message, version, events,
        decidedAt, fingerprint, true, differs);
  }

  /** Key of waiters and caches: command ids are unique per tenant, not globally. */
  public String key() {
    return key(tenant, commandId);
  }

  public static String key(String tenant, String commandId) {
    return tenant + '\u0000' + commandId;
  }
}
