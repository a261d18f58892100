package dev.convbench.plugin;

import java.nio.file.Path;
import java.util.Map;

/**
 * Decides which directory third-party plugin jars are loaded from.
 *
 * <p>Precedence: the {@code --plugins DIR} option, then the environment variable {@value #ENV_VAR}, then
 * {@value #DEFAULT_DIR} in the current working directory. The directory need not exist; see
 * {@link PluginDiscovery#discover}.
 */
public final class PluginDirectory {

  /** Environment variable naming the plugin directory when {@code --plugins} is not given. */
  public static final String ENV_VAR = "CONVBENCH_PLUGINS";

  /** Default plugin directory, relative to the current working directory. */
  public static final String DEFAULT_DIR = "plugins.d";

  private PluginDirectory() {
  }

  /**
   * Resolves the plugin directory.
   *
   * @param cliValue the {@code --plugins} value, or {@code null} when the option was not given
   * @param env the process environment (injected so tests need not touch the real one); a blank
   *     {@value #ENV_VAR} counts as unset, because {@code CONVBENCH_PLUGINS= convbench ...} is how users clear it
   * @param cwd the directory relative paths are resolved against, normally the process working directory
   * @return an absolute, normalised path
   */
  public static Path resolve(Path cliValue, Map<String, String> env, Path cwd) {
    Path chosen;
    if (cliValue != null) {
      chosen = cliValue;
    } else {
      String fromEnv = env.get(ENV_VAR);
      chosen = fromEnv == null || fromEnv.isBlank() ? Path.of(DEFAULT_DIR) : Path.of(fromEnv);
    }
    return cwd.toAbsolutePath().resolve(chosen).normalize();
  }
}
