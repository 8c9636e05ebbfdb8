package io.tally.command.http;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Commands by tenant, type and outcome as the HTTP side answered them: accepted, rejected (a rule), invalid
 * (400/422), throttled (429), pending (202), unavailable (503). The tenant is always one from the catalog, so
 * label values stay bounded.
 */
public final class CommandMetrics {
  private final MeterRegistry registry;

  public CommandMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void count(String tenant, String type, String outcome) {
    registry.counter("tally_commands_total", "tenant", tenant, "type", type == null ? "unknown" : type,
        "outcome", outcome).increment();
  }

  static String outcomeOf(int status) {
    return switch (status) {
      case 201 -> "accepted";
      case 202 -> "pending";
      case 409 -> "rejected";
      case 429 -> "throttled";
      case 503 -> "unavailable";
      default -> status >= 500 ? "failed" : "invalid";
    };
  }
}
