/**
 * Finds the {@link dev.convbench.spi.ArchitecturePlugin architectures} convbench can train: the built-in ones on the
 * classpath and third-party jars dropped into a plugin directory.
 *
 * <p>Typical use by the CLI:
 * <pre>{@code
 * List<Path> dirs = PluginDirectory.directories(pluginsOption, System.getenv(), Path.of(""), userHome);
 * PluginRegistry registry = new PluginDiscovery().discover(Main.class.getClassLoader(), dirs);
 * if (!registry.problems().isEmpty()) {
 *   throw new PluginLoadException(registry.problems()); // one line per skipped jar
 * }
 * DiscoveredPlugin resnet = registry.require("resnet18");
 * }</pre>
 */
package dev.convbench.plugin;
