package dev.convbench.plugin;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The architectures available to one convbench run, each with its origin, plus the plugin sources that were skipped.
 *
 * <p>Immutable once constructed and safe to share between threads. Names are unique: construction fails with a
 * {@link DuplicatePluginException} otherwise. Usually built by {@link PluginDiscovery#discover}; construct it directly
 * in tests or when embedding convbench with a fixed set of plugins.
 */
public final class PluginRegistry {

  private final List<DiscoveredPlugin> plugins;
  private final Map<String, DiscoveredPlugin> byName;
  private final List<LoadProblem> problems;

  /**
   * @param plugins the plugins, in discovery order (that order only decides which origin a duplicate error calls
   *     "first")
   * @param problems skipped sources, kept in the given order
   * @throws DuplicatePluginException when two plugins share a name
   */
  public PluginRegistry(Collection<DiscoveredPlugin> plugins, Collection<LoadProblem> problems) {
    Map<String, DiscoveredPlugin> index = new HashMap<>();
    for (DiscoveredPlugin plugin : plugins) {
      DiscoveredPlugin previous = index.putIfAbsent(plugin.name(), plugin);
      if (previous != null) {
        throw new DuplicatePluginException(plugin.name(), previous.origin(), plugin.origin());
      }
    }
    this.plugins = plugins.stream().sorted(Comparator.comparing(DiscoveredPlugin::name)).toList();
    this.byName = Map.copyOf(index);
    this.problems = List.copyOf(problems);
  }

  /** All plugins, sorted by name. */
  public List<DiscoveredPlugin> all() {
    return plugins;
  }

  /** All plugin names, sorted. */
  public List<String> names() {
    return plugins.stream().map(DiscoveredPlugin::name).toList();
  }

  /** The plugin with exactly this name, if any. */
  public Optional<DiscoveredPlugin> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * The plugin with this name, for callers that cannot continue without it.
   *
   * @throws NoSuchElementException with a message listing the available names and any skipped jars (the wanted
   *     plugin may be in one of them)
   */
  public DiscoveredPlugin require(String name) {
    return find(name).orElseThrow(() -> new NoSuchElementException(unknownNameMessage(name)));
  }

  /** Plugin sources (mostly jars) that were skipped, with the reason; empty when everything loaded. */
  public List<LoadProblem> problems() {
    return problems;
  }

  private String unknownNameMessage(String name) {
    StringBuilder message = new StringBuilder("unknown architecture '").append(name).append("'; available: ")
        .append(plugins.isEmpty() ? "none" : String.join(", ", names()));
    if (!problems.isEmpty()) {
      message.append(". Some plugin jars were skipped and may provide it: ");
      message.append(String.join("; ", problems.stream().map(LoadProblem::toString).toList()));
    } else {
      message.append(". Add a plugin jar to the plugin directory (--plugins DIR, env CONVBENCH_PLUGINS, default"
          + " ./plugins.d) to make more architectures available");
    }
    return message.toString();
  }

  @Override
  public String toString() {
    return "PluginRegistry" + names() + (problems.isEmpty() ? "" : " (" + problems.size() + " skipped)");
  }
}
