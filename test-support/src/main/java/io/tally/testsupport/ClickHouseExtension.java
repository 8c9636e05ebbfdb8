package io.tally.testsupport;

import io.tally.platform.FreePorts;
import io.tally.platform.LocalClickHouse;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * {@code @ExtendWith(ClickHouseExtension.class)}, then take a {@link TestClickHouse} parameter. One private
 * clickhouse-server per test JVM on free ports, stopped when the JVM's tests end. Without clickhouse-server
 * installed the test fails saying what to install; it never skips.
 */
public final class ClickHouseExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestClickHouse.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return OneServerPerJvm.get(context, "clickhouse",
        folder -> new TestClickHouse(LocalClickHouse.start(folder, FreePorts.next())),
        test -> test.server().close(),
        LocalClickHouse::stopLeftover);
  }
}
