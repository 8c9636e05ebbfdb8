package io.tally.query;

import io.tally.service.ServiceProcess;
import io.tally.service.Settings;

/** The query side as its own process: REST, live views and the dashboard. */
public final class QuerySideMain {
  private QuerySideMain() {}

  public static void main(String[] args) {
    Settings settings = Settings.fromEnvironment();
    ServiceProcess.run("query-side", registry -> new QueryHttpVerticle(settings, registry));
  }
}
