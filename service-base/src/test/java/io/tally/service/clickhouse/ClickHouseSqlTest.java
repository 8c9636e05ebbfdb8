package io.tally.service.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The escaping is our only wall against SQL injection on 18.16 (no server-side parameters). */
class ClickHouseSqlTest {

  @Test
  void plainTextIsOnlyQuoted() {
    assertThat(ClickHouseSql.literal("acme")).isEqualTo("'acme'");
    assertThat(ClickHouseSql.literal("")).isEqualTo("''");
    assertThat(ClickHouseSql.literal("Zürich 東京 🍕")).isEqualTo("'Zürich 東京 🍕'");
  }

  @Test
  void quoteCannotCloseTheLiteral() {
    assertThat(ClickHouseSql.literal("x' OR 1=1 --")).isEqualTo("'x\\' OR 1=1 --'");
    assertThat(ClickHouseSql.literal("'; DROP TABLE orders; --")).isEqualTo("'\\'; DROP TABLE orders; --'");
  }

  @Test
  void backslashIsEscapedBeforeTheQuoteSoItCannotEatTheEscape() {
    // Unescaped, \' would become \\' : an escaped backslash followed by a closing quote.
    assertThat(ClickHouseSql.literal("\\' OR 1=1 --")).isEqualTo("'\\\\\\' OR 1=1 --'");
    assertThat(ClickHouseSql.literal("trailing\\")).isEqualTo("'trailing\\\\'");
    // ClickHouse would read \x27 as a quote character; doubled, it stays four harmless characters.
    assertThat(ClickHouseSql.literal("\\x27")).isEqualTo("'\\\\x27'");
  }

  @Test
  void controlCharactersAreEscaped() {
    assertThat(ClickHouseSql.literal("a\nb\rc\td\0e\bf\fg")).isEqualTo("'a\\nb\\rc\\td\\0e\\bf\\fg'");
  }

  @Test
  void nullIsSqlNull() {
    assertThat(ClickHouseSql.literal(null)).isEqualTo("NULL");
  }

  @Test
  void inListQuotesEachValue() {
    assertThat(ClickHouseSql.inList(List.of("a", "b'c"))).isEqualTo("('a', 'b\\'c')");
    assertThatThrownBy(() -> ClickHouseSql.inList(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void identifiersAreCheckedNotEscaped() {
    assertThat(ClickHouseSql.identifier("order_facts_v2")).isEqualTo("order_facts_v2");
    assertThat(ClickHouseSql.identifier("_t")).isEqualTo("_t");
    for (String bad : List.of("", "1abc", "a b", "a;DROP", "a`b", "a.b", "a'--", "a\"b", "é", "a-b", "x".repeat(129))) {
      assertThatThrownBy(() -> ClickHouseSql.identifier(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> ClickHouseSql.identifier(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tableNamesMayBeQualified() {
    assertThat(ClickHouseSql.tableName("orders")).isEqualTo("orders");
    assertThat(ClickHouseSql.tableName("analytics.orders")).isEqualTo("analytics.orders");
    assertThat(ClickHouseSql.qualified("analytics", "orders")).isEqualTo("analytics.orders");
    for (String bad : List.of("a.b.c", ".b", "a.", "a.b;DROP TABLE x")) {
      assertThatThrownBy(() -> ClickHouseSql.tableName(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
