package io.tally.command;

import io.tally.service.ServiceProcess;
import io.tally.service.Settings;

/** The command side as its own process: HTTP command API, decider, outcome recorder. */
public final class CommandSideMain {
  private CommandSideMain() {}

  public static void main(String[] args) {
    Settings settings = Settings.fromEnvironment();
    ServiceProcess.run("command-side", registry -> new CommandSideVerticle(settings, registry));
  }
}
