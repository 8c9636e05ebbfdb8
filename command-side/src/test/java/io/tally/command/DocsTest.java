package io.tally.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.order.Rule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The documents a client or operator reads keep up with the code. */
class DocsTest {

  @Test
  void theApiDocumentNamesEveryRuleARefusalCanCarry() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "command-api.md"));
    for (Rule rule : Rule.values()) {
      assertThat(doc).contains("`" + rule.code() + "`");
    }
    assertThat(doc).contains("`event.too-large`", "`command.unreadable`", "`command.failed`");
  }

  @Test
  void theReadmeListsEverySettingTheServiceReads() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String code = Files.readString(Path.of("src/main/java/io/tally/command/CommandSettings.java"));
    Matcher keys = Pattern.compile("\"(tally\\.[a-z.-]+)\"").matcher(code);
    int found = 0;
    while (keys.find()) {
      assertThat(readme).contains("`" + keys.group(1) + "`");
      found++;
    }
    assertThat(found).isGreaterThan(15);
  }
}
