package dev.convbench.spi;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version of this plugin API, {@code MAJOR.MINOR}. A plugin jar names the version it was built against in its
 * manifest ({@value #MANIFEST_ATTRIBUTE}); the harness loads it when the major numbers are equal and its own minor is
 * at least the plugin's (minor versions only add).
 */
@Stable
public record SpiVersion(int major, int minor) {

  /** The manifest attribute of a plugin jar that names the API version it was built against. */
  public static final String MANIFEST_ATTRIBUTE = "Convbench-SPI-Version";

  private static final Pattern FORM = Pattern.compile("(\\d{1,4})\\.(\\d{1,4})");

  /** This API's version, as the build recorded it. */
  public static SpiVersion current() {
    Properties p = new Properties();
    try (InputStream in = SpiVersion.class.getResourceAsStream("spi-version.properties")) {
      if (in == null) {
        throw new IllegalStateException("spi-version.properties is missing from the plugin API jar");
      }
      p.load(in);
    } catch (IOException e) {
      throw new IllegalStateException("spi-version.properties cannot be read", e);
    }
    return parse(p.getProperty("version", "")).orElseThrow(
        () -> new IllegalStateException("spi-version.properties holds no MAJOR.MINOR version"));
  }

  /** {@code 1.0} as a version, if the text is one. */
  public static Optional<SpiVersion> parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.strip());
    return m.matches() ? Optional.of(new SpiVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))))
        : Optional.empty();
  }

  /** Whether a plugin built against {@code built} runs on this version. */
  public boolean runs(SpiVersion built) {
    return built.major == major && built.minor <= minor;
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
