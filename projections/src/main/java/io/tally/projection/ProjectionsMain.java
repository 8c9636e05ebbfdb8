package io.tally.projection;

import io.tally.service.ServiceProcess;
import io.tally.service.Settings;

/** The projections as their own process: the runtimes, their sinks and the admin API. */
public final class ProjectionsMain {
  private ProjectionsMain() {}

  public static void main(String[] args) {
    Settings settings = Settings.fromEnvironment();
    ServiceProcess.run("projections", registry -> new ProjectionsAdminVerticle(settings, registry));
  }
}
