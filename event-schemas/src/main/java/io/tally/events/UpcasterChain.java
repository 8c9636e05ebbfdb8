package io.tally.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lifts any historical event to the current version of its type, so no consumer ever sees two shapes. The chain
 * is checked when built: every version below current must have a path to current, or construction fails.
 */
public final class UpcasterChain {

  private static final UpcasterChain STANDARD =
      new UpcasterChain(List.of(new OrderPlacedV1ToV2()), EventTypes.CURRENT_VERSIONS);

  private final Map<String, Map<Integer, Upcaster>> steps = new HashMap<>();
  private final Map<String, Integer> currentVersions;

  public UpcasterChain(List<Upcaster> upcasters, Map<String, Integer> currentVersions) {
    this.currentVersions = Map.copyOf(currentVersions);
    for (Upcaster upcaster : upcasters) {
      Integer current = currentVersions.get(upcaster.type());
      if (current == null || upcaster.toVersion() <= upcaster.fromVersion() || upcaster.toVersion() > current) {
        throw new IllegalArgumentException("upcaster " + describe(upcaster) + " does not lead towards current");
      }
      Upcaster clash = steps.computeIfAbsent(upcaster.type(), t -> new HashMap<>())
          .putIfAbsent(upcaster.fromVersion(), upcaster);
      if (clash != null) {
        throw new IllegalArgumentException("two upcasters from " + describe(upcaster));
      }
    }
    currentVersions.forEach(this::requirePathsToCurrent);
  }

  /** The chain for the event types of this build. */
  public static UpcasterChain standard() {
    return STANDARD;
  }

  /** The envelope with its payload at the current version; the input envelope is left untouched. */
  public EventEnvelope upcast(EventEnvelope envelope) {
    int current = current(envelope.type(), envelope.schemaVersion());
    if (envelope.schemaVersion() == current) {
      return envelope;
    }
    return envelope.withSchema(current, upcast(envelope.type(), envelope.schemaVersion(), envelope.payload()));
  }

  /** A copy of the payload lifted from {@code version} to the current version of {@code type}. */
  public ObjectNode upcast(String type, int version, ObjectNode payload) {
    int current = current(type, version);
    ObjectNode lifted = payload.deepCopy();
    for (int at = version; at < current; ) {
      Upcaster step = steps.get(type).get(at);
      lifted = step.upcast(lifted);
      at = step.toVersion();
    }
    return lifted;
  }

  private int current(String type, int version) {
    Integer current = currentVersions.get(type);
    if (current == null || version < 1 || version > current) {
      throw new UnknownSchemaVersionException(type, version);
    }
    return current;
  }

  private void requirePathsToCurrent(String type, int current) {
    Map<Integer, Upcaster> byVersion = steps.getOrDefault(type, Map.of());
    for (int version = 1; version < current; version++) {
      int at = version;
      while (at < current) {
        Upcaster step = byVersion.get(at);
        if (step == null) {
          throw new IllegalArgumentException("no upcaster from " + type + " v" + at + " towards v" + current);
        }
        at = step.toVersion();
      }
    }
  }

  private static String describe(Upcaster upcaster) {
    return upcaster.type() + " v" + upcaster.fromVersion() + "->v" + upcaster.toVersion();
  }
}
