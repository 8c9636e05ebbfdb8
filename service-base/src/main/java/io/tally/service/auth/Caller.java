package io.tally.service.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * Who is calling, as the verified token says: a subject, the tenant it acts for (none for a platform admin) and
 * its roles. Decisions about access are made here, in one place, for every service.
 */
public record Caller(String subject, String tenant, Set<String> roles) {
  public static final String VIEWER = "viewer";
  public static final String ANALYST = "analyst";
  public static final String WRITER = "writer";
  public static final String ADMIN = "admin";
  public static final String PLATFORM_ADMIN = "platform-admin";

  static Caller fromClaims(JsonObject claims) {
    JsonArray roles = claims.getJsonArray(Tokens.ROLES, new JsonArray());
    List<String> names = roles.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    return new Caller(claims.getString("sub", "unknown"), claims.getString(Tokens.TENANT), Set.copyOf(names));
  }

  public boolean isPlatformAdmin() {
    return roles.contains(PLATFORM_ADMIN);
  }

  /**
   * May this caller act on the tenant with one of the roles? A tenant token reaches only its own tenant; a
   * platform admin reaches every tenant. An admin of a tenant holds every tenant role of it.
   */
  public boolean may(String pathTenant, String... anyOfRoles) {
    if (isPlatformAdmin()) {
      return true;
    }
    if (tenant == null || !tenant.equals(pathTenant)) {
      return false;
    }
    if (roles.contains(ADMIN)) {
      return true;
    }
    for (String role : anyOfRoles) {
      if (roles.contains(role)) {
        return true;
      }
    }
    return false;
  }
}
