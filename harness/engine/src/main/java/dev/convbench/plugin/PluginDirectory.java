package dev.convbench.plugin;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Decides which directories third-party plugin jars are loaded from.
 *
 * <p>Precedence: the {@code --plugins DIR} option, then the environment variable {@value #ENV_VAR}, then both default
 * directories: {@value #DEFAULT_DIR} in the installation (the repository the launcher lives in, which it passes as
 * {@value #HOME_ENV_VAR}; without it, the working directory) and the per-user {@code ~/.config/convbench/plugins}.
 * The directories need not exist; see {@link PluginDiscovery#discover}.
 */
public final class PluginDirectory {

  /** Environment variable naming the plugin directory when {@code --plugins} is not given. */
  public static final String ENV_VAR = "CONVBENCH_PLUGINS";

  /** Environment variable the launcher sets to the installation directory, so defaults do not depend on the cwd. */
  public static final String HOME_ENV_VAR = "CONVBENCH_HOME";

  /** Default plugin directory, relative to the installation. */
  public static final String DEFAULT_DIR = "plugins.d";

  /** Per-user plugin directory, relative to the user's home. */
  public static final Path USER_DIR = Path.of(".config", "convbench", "plugins");

  private PluginDirectory() {
  }

  /**
   * The plugin directories to search, in order.
   *
   * @param cliValue the {@code --plugins} value, or {@code null} when the option was not given
   * @param env the process environment (injected so tests need not touch the real one); a blank value counts as
   *     unset, because {@code CONVBENCH_PLUGINS= convbench ...} is how users clear it
   * @param cwd the directory relative paths are resolved against, normally the process working directory
   * @param userHome the user's home directory, which holds the per-user directory
   * @return absolute, normalised paths: the one directory given, else the two defaults (one when they coincide)
   */
  public static List<Path> directories(Path cliValue, Map<String, String> env, Path cwd, Path userHome) {
    Path base = cwd.toAbsolutePath();
    if (cliValue != null) {
      return List.of(base.resolve(cliValue).normalize());
    }
    String fromEnv = env.get(ENV_VAR);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return List.of(base.resolve(fromEnv).normalize());
    }
    String home = env.get(HOME_ENV_VAR);
    Path installation = home == null || home.isBlank() ? base : base.resolve(home);
    Path installed = installation.resolve(DEFAULT_DIR).normalize();
    Path perUser = userHome.toAbsolutePath().resolve(USER_DIR).normalize();
    return installed.equals(perUser) ? List.of(installed) : List.of(installed, perUser);
  }
}
