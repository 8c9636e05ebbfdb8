package io.tally.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Comparing header values and keys as bytes says exactly what decoding them and comparing strings says. */
class ByteTextTest {

  private static final List<String> TEXTS = List.of("", "a", "acme", "acme-shop", "o-1", "o/1", "ü", "é-shop",
      "😀", "acmf", "acm", "acme ", "ACME");

  @Test
  void headerValueIsTextExactlyWhenItsUtf8Is() {
    for (String value : TEXTS) {
      for (String text : TEXTS) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        assertThat(EventHeaders.isText(bytes, text)).as("%s vs %s", value, text).isEqualTo(value.equals(text));
      }
    }
    assertThat(EventHeaders.isText(new byte[] {(byte) 0xff, 'a'}, "\ufffda")).isTrue(); // as decoding says
  }

  @Test
  void keyMatchesExactlyWhenItIsTenantSlashOrder() {
    Random random = new Random(5);
    for (int i = 0; i < 20_000; i++) {
      String tenant = TEXTS.get(random.nextInt(TEXTS.size()));
      String order = TEXTS.get(random.nextInt(TEXTS.size()));
      String other = TEXTS.get(random.nextInt(TEXTS.size())) + (random.nextBoolean() ? "/" : "")
          + TEXTS.get(random.nextInt(TEXTS.size()));
      String key = random.nextBoolean() ? tenant + "/" + order : other;
      assertThat(RecordKeys.matches(key.getBytes(StandardCharsets.UTF_8), tenant, order))
          .as("%s ~ %s/%s", key, tenant, order).isEqualTo(key.equals(tenant + "/" + order));
    }
  }
}
