package io.tally.command.load;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a running `make run` left in its data folder: platform.json (the command API's URL, the Kafka bootstrap)
 * and platform.env (TALLY_* settings, the token secret among them), so `make load` needs no flags.
 */
record PlatformFiles(Optional<String> commandUrl, Optional<String> bootstrap, Optional<String> secret,
                     Optional<String> topicPrefix) {

  static PlatformFiles read(Path dir) {
    Optional<String> url = Optional.empty();
    Optional<String> bootstrap = Optional.empty();
    Path json = dir.resolve("platform.json");
    if (Files.isRegularFile(json)) {
      JsonObject doc = new JsonObject(text(json));
      url = Optional.ofNullable(doc.getJsonObject("services", new JsonObject()).getString("command"));
      bootstrap = Optional.ofNullable(doc.getString("tally.kafka.bootstrap"));
    }
    Map<String, String> env = new HashMap<>();
    Path envFile = dir.resolve("platform.env");
    if (Files.isRegularFile(envFile)) {
      text(envFile).lines().filter(l -> l.contains("=")).forEach(l -> env.put(l.substring(0, l.indexOf('=')),
          l.substring(l.indexOf('=') + 1)));
    }
    Optional<String> secret = Optional.ofNullable(env.get("TALLY_JWT_SECRET"));
    Path secretFile = dir.resolve("jwt-secret");
    if (secret.isEmpty() && Files.isRegularFile(secretFile)) {
      secret = Optional.of(text(secretFile).trim());
    }
    return new PlatformFiles(url, bootstrap.or(() -> Optional.ofNullable(env.get("TALLY_KAFKA_BOOTSTRAP"))), secret,
        Optional.ofNullable(env.get("TALLY_TOPIC_PREFIX")));
  }

  private static String text(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
