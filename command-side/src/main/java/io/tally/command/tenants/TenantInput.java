package io.tally.command.tenants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tally.events.InvalidFieldException;
import io.tally.events.JsonFields;
import io.tally.events.Limits;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The body of POST and PATCH /v1/admin/tenants, read field by field so a mistake names its field. POST fills
 * what is missing with the platform defaults; PATCH keeps what the tenant has.
 */
public record TenantInput(Optional<String> id, Optional<String> displayName, OptionalLong rate, OptionalLong burst,
                          OptionalLong retentionDays) {
  static final int MAX_RATE = 1_000_000;
  static final int MAX_RETENTION_DAYS = 36_500;
  private static final Set<String> TOP = Set.of("id", "displayName", "quota", "retentionDays");
  private static final Set<String> QUOTA = Set.of("commandsPerSecond", "burst");

  /** @throws InvalidFieldException naming the first bad field */
  public static TenantInput read(ObjectNode body, boolean idAllowed) {
    JsonFields json = new JsonFields(body);
    json.rejectUnknown(idAllowed ? TOP : Set.of("displayName", "quota", "retentionDays"));
    Optional<String> id = idAllowed ? Optional.of(json.text("id")) : Optional.empty();
    id.flatMap(Limits::tenant).ifPresent(v -> {
      throw new InvalidFieldException("id", v.message());
    });
    Optional<String> name = json.optionalText("displayName");
    name.flatMap(n -> Limits.text("displayName", n, 200)).ifPresent(v -> {
      throw new InvalidFieldException(v);
    });
    OptionalLong rate = OptionalLong.empty();
    OptionalLong burst = OptionalLong.empty();
    JsonNode quota = body.get("quota");
    if (quota != null && !quota.isNull()) {
      if (!quota.isObject()) {
        throw new InvalidFieldException("quota", "must be an object {commandsPerSecond, burst}");
      }
      JsonFields q = new JsonFields((ObjectNode) quota, "quota.");
      q.rejectUnknown(QUOTA);
      rate = range(q, "commandsPerSecond", 1, MAX_RATE);
      burst = range(q, "burst", 1, 10L * MAX_RATE);
    }
    OptionalLong retention = range(json, "retentionDays", 1, MAX_RETENTION_DAYS);
    return new TenantInput(id, name, rate, burst, retention);
  }

  /** For a new tenant: defaults where the body said nothing; the burst defaults to twice the rate. */
  public Tenant.Quota quotaOr(Tenant.Quota fallback) {
    int r = (int) rate.orElse(fallback.commandsPerSecond());
    int b = (int) burst.orElse(rate.isPresent() ? Math.max(1, 2L * r) : fallback.burst());
    return new Tenant.Quota(r, b);
  }

  private static OptionalLong range(JsonFields json, String field, long min, long max) {
    OptionalLong value = json.optionalWholeNumber(field);
    if (value.isPresent() && (value.getAsLong() < min || value.getAsLong() > max)) {
      throw json.invalid(field, "must be between " + min + " and " + max);
    }
    return value;
  }
}
