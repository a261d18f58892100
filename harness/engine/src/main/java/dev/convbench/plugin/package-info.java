/**
 * Finds the {@link dev.convbench.spi.ArchitecturePlugin architectures} convbench can train: the built-in ones on the
 * classpath and third-party jars dropped into the plugin directory.
 *
 * <p>Typical use by the CLI:
 * <pre>{@code
 * Path dir = PluginDirectory.resolve(pluginsOption, System.getenv(), Path.of(""));
 * PluginRegistry registry = new PluginDiscovery().discover(Main.class.getClassLoader(), dir);
 * if (!registry.problems().isEmpty()) {
 *   throw new PluginLoadException(registry.problems()); // one line per skipped jar
 * }
 * DiscoveredPlugin resnet = registry.require("resnet18");
 * }</pre>
 */
package dev.convbench.plugin;
