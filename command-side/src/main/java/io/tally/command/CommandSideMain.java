package io.tally.command;

import io.tally.service.ServiceProcess;
import io.tally.service.Settings;

/** The command side as its own process: HTTP command API and the decider. */
public final class CommandSideMain {
  private CommandSideMain() {}

  public static void main(String[] args) {
    Settings settings = Settings.fromEnvironment();
    ServiceProcess.run("command-side", registry -> new CommandHttpVerticle(settings, registry));
  }
}
