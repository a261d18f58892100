package dev.convbench.plugin;

import java.util.ServiceConfigurationError;

/** Turns loading failures into one-line, user-readable reasons. */
final class Failures {

  private static final String SERVICE_PREFIX = dev.convbench.spi.ArchitecturePlugin.class.getName() + ": ";

  private static final String PROVIDER = "Provider ";

  private Failures() {
  }

  /**
   * The failure and its root cause on one line, e.g. {@code plugin class ext.Foo could not be instantiated (caused by
   * IllegalStateException: no licence)}. The root cause matters most: ServiceLoader wraps the plugin's own exception.
   */
  static String describe(Throwable failure) {
    String text = headline(failure);
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String line = root == failure ? text : text + " (caused by " + headline(root) + ")";
    return line.replaceAll("\\s*\\R\\s*", " "); // a plugin's own message may span lines; the CLI shows one
  }

  private static String headline(Throwable t) {
    String message = t.getMessage();
    if (t instanceof ServiceConfigurationError) {
      // ServiceLoader prefixes every message with the service name, which is the same for all plugins, and calls
      // the class a "Provider", a word plugin authors do not use.
      String reason = message != null && message.startsWith(SERVICE_PREFIX)
          ? message.substring(SERVICE_PREFIX.length()) : String.valueOf(message);
      return reason.startsWith(PROVIDER) ? "plugin class " + reason.substring(PROVIDER.length()) : reason;
    }
    if (t instanceof IllegalArgumentException && message != null) {
      // DiscoveredPlugin's validation messages are complete sentences naming the plugin; the type adds nothing.
      return message;
    }
    return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
