package io.tally.query.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.nio.file.Path;

/**
 * GET /dev/tokens, only when {@code tally.dev-tokens.file} names the launcher's dev-tokens.json: the sign-in page
 * offers them as one-click choices. The file is read on every request, since the launcher rewrites it on each
 * start. Without the setting the route does not exist (404), which is how production runs.
 */
public final class DevTokensRoute {
  private DevTokensRoute() {}

  public static void mount(Vertx vertx, Router router, Path file) {
    router.get("/dev/tokens").handler(ctx -> vertx.fileSystem().readFile(file.toString()).onComplete(ar -> {
      if (ar.failed()) {
        Responses.json(ctx, 200, new JsonObject().put("tokens", new JsonArray())
            .put("note", "no dev tokens at " + file + " (start the platform with make run)"));
        return;
      }
      JsonArray offered = new JsonArray();
      new JsonObject(ar.result()).getJsonArray("tokens", new JsonArray()).forEach(entry -> {
        JsonObject e = (JsonObject) entry;
        offered.add(new JsonObject().put("subject", e.getString("subject")).put("tenant", e.getString("tenant"))
            .put("roles", e.getJsonArray("roles")).put("token", e.getString("token")));
      });
      Responses.json(ctx, 200, new JsonObject().put("tokens", offered));
    }));
  }
}
