package dev.convbench.plugin;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Objects;

/**
 * Where a plugin (or a failed attempt to load one) came from, for listings and error messages.
 *
 * <p>{@link #toString()} is the user-facing form: {@code classpath:/path/to/convbench-plugins.jar} (the jar or
 * class directory that holds the class) or {@code jar:/abs/path/plugins.d/x.jar} (a jar from the plugin directory).
 *
 * @param kind whether the plugin came from the harness classpath or from a plugin-directory jar
 * @param location an absolute path, or {@value #UNKNOWN_LOCATION} when the JVM does not say where a class came from
 */
public record PluginOrigin(Kind kind, String location) {

  /** Location shown when a class has no code source (e.g. a class loader that does not record one). */
  public static final String UNKNOWN_LOCATION = "<unknown location>";

  /** The two places plugins come from. */
  public enum Kind {
    /** Found by the harness class loader: built-ins and anything the user put on {@code -cp}. */
    CLASSPATH("classpath"),
    /** A jar in the plugin directory, loaded in a class loader of its own. */
    JAR("jar");

    private final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }

    /** The prefix used in {@link PluginOrigin#toString()}. */
    public String prefix() {
      return prefix;
    }
  }

  public PluginOrigin {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(location, "location");
  }

  /** A jar in the plugin directory; the path is made absolute so messages are unambiguous. */
  public static PluginOrigin jar(Path jar) {
    return new PluginOrigin(Kind.JAR, jar.toAbsolutePath().normalize().toString());
  }

  /** The classpath entry (jar or directory) that defines {@code type}. */
  public static PluginOrigin classpathOf(Class<?> type) {
    return new PluginOrigin(Kind.CLASSPATH, locationOf(type));
  }

  /** The classpath as a whole, for failures that happen before a class is known. */
  public static PluginOrigin classpath() {
    return new PluginOrigin(Kind.CLASSPATH, UNKNOWN_LOCATION);
  }

  private static String locationOf(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    URL url = source == null ? null : source.getLocation();
    if (url == null) {
      return UNKNOWN_LOCATION;
    }
    try {
      return Path.of(url.toURI()).toString();
    } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      // Not a plain file (e.g. a jrt: or nested-jar URL): the URL itself is still the most useful thing to show.
      return url.toString();
    }
  }

  /**
   * The origin in words, for error messages: {@code plugin jar /abs/plugins.d/x.jar} or, for the classpath (where the
   * built-in architectures are), {@code built-in plugins (/path/to/convbench-plugins.jar)}.
   */
  public String describe() {
    return switch (kind) {
      case JAR -> "plugin jar " + location;
      case CLASSPATH -> "built-in plugins" + (UNKNOWN_LOCATION.equals(location) ? "" : " (" + location + ")");
    };
  }

  @Override
  public String toString() {
    return kind.prefix() + ":" + location;
  }
}
