package io.tally.projection.runtime;

import java.util.Optional;

/** What a replay rebuilds: the whole view, or only one tenant's rows (the others stay as they are). */
public record ReplayScope(Optional<String> tenant) {

  public static ReplayScope everything() {
    return new ReplayScope(Optional.empty());
  }

  public static ReplayScope tenant(String tenant) {
    return new ReplayScope(Optional.of(tenant));
  }

  public boolean includes(String eventTenant) {
    return tenant.isEmpty() || tenant.get().equals(eventTenant);
  }

  @Override
  public String toString() {
    return tenant.map(t -> "tenant " + t).orElse("all tenants");
  }
}
