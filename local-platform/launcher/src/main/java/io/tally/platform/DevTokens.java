package io.tally.platform;

import io.tally.service.auth.Tokens;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Tokens for trying the platform locally: an admin of each demo tenant, a viewer, and a platform admin. */
final class DevTokens {
  static final List<String> DEMO_TENANTS = List.of("acme", "globex");
  private static final int THIRTY_DAYS = 30 * 24 * 3600;

  private DevTokens() {}

  static JsonObject write(Tokens tokens, Path file) throws IOException {
    JsonArray list = new JsonArray();
    for (String tenant : DEMO_TENANTS) {
      list.add(entry(tokens, tenant + "-admin", tenant, List.of("admin", "writer", "analyst", "viewer")));
      list.add(entry(tokens, tenant + "-viewer", tenant, List.of("viewer")));
    }
    list.add(entry(tokens, "platform-admin", null, List.of("platform-admin")));
    JsonObject doc = new JsonObject()
        .put("note", "dev tokens for the local platform only; HS256 with the secret in .platform/jwt-secret")
        .put("tokens", list);
    Files.writeString(file, doc.encodePrettily());
    return doc;
  }

  private static JsonObject entry(Tokens tokens, String subject, String tenant, List<String> roles) {
    return new JsonObject().put("subject", subject).put("tenant", tenant).put("roles", new JsonArray(roles))
        .put("token", tokens.issue(subject, tenant, roles, THIRTY_DAYS));
  }
}
