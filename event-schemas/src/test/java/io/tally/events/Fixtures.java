package io.tally.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Historical envelopes kept under src/test/resources/fixtures, named {@code <Type>.v<N>.json}. */
final class Fixtures {

  private Fixtures() {}

  static byte[] bytes(String type, int version) {
    String resource = "fixtures/" + type + ".v" + version + ".json";
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new AssertionError("missing fixture " + resource + ": every schema version needs one");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static EventEnvelope envelope(String type, int version) {
    return EnvelopeCodec.fromBytes(bytes(type, version));
  }
}
