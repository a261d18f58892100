package dev.convbench.cli;

import picocli.CommandLine;

/** Version from the jar manifest (Maven fills it in); "development" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"convbench " + (v == null ? "development build" : v)};
  }
}
