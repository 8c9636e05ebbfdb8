package io.tally.testsupport;

import io.tally.platform.FreePorts;
import io.tally.platform.LocalPostgres;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * {@code @ExtendWith(PostgresExtension.class)}, then take a {@link TestPostgres} parameter. One embedded Postgres
 * per test JVM on a free port (never 5432: zonky would silently use a server already there), stopped when the
 * JVM's tests end.
 */
public final class PostgresExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestPostgres.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return OneServerPerJvm.get(context, "postgres",
        folder -> new TestPostgres(LocalPostgres.start(folder, FreePorts.next())),
        test -> test.server().close(),
        LocalPostgres::stopLeftover);
  }
}
