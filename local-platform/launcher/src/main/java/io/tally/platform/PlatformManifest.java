package io.tally.platform;

import io.tally.service.Settings;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a running platform left for other tools to find: platform.json (every URL, for people and tests) and
 * platform.env (the TALLY_* settings, for `make load`, `make lake` and any job run beside the platform). The env
 * file holds the token secret, so only its owner may read it.
 */
final class PlatformManifest {
  private PlatformManifest() {}

  static void write(Path dataDir, PlatformOptions o, Map<String, String> settings, Map<String, Long> pids)
      throws IOException {
    JsonObject urls = new JsonObject()
        .put("query", "http://localhost:" + o.queryPort())
        .put("command", "http://localhost:" + o.commandPort())
        .put("projections", "http://localhost:" + o.projectionsPort());
    JsonObject processes = new JsonObject();
    pids.forEach(processes::put);
    JsonObject doc = new JsonObject().put("services", urls).put("pid", ProcessHandle.current().pid())
        .put("processes", processes);
    settings.forEach((k, v) -> {
      if (!k.contains("secret")) {
        doc.put(k, v);
      }
    });
    Files.writeString(dataDir.resolve("platform.json"), doc.encodePrettily());
    Path env = dataDir.resolve("platform.env");
    String lines = settings.entrySet().stream()
        .map(e -> Settings.envName(e.getKey()) + "=" + e.getValue())
        .collect(Collectors.joining("\n", "", "\n"));
    Files.writeString(env, lines);
    Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-------"));
  }
}
