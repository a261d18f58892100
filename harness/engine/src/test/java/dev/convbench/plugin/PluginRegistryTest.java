package dev.convbench.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.graph.Network;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameters;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

class PluginRegistryTest {

  private static final PluginOrigin BUILT_IN = new PluginOrigin(PluginOrigin.Kind.CLASSPATH, "/opt/convbench.jar");
  private static final PluginOrigin EXTRA = PluginOrigin.jar(Path.of("/tmp/plugins.d/extra.jar"));

  @Test
  void listsPluginsSortedByName() {
    PluginRegistry registry = new PluginRegistry(
        List.of(plugin("vgg11", BUILT_IN), plugin("alexnet", EXTRA), plugin("resnet18", BUILT_IN)), List.of());

    assertEquals(List.of("alexnet", "resnet18", "vgg11"), registry.names());
    assertEquals(EXTRA, registry.all().get(0).origin());
  }

  @Test
  void findsByExactName() {
    PluginRegistry registry = new PluginRegistry(List.of(plugin("resnet18", BUILT_IN)), List.of());

    assertEquals(BUILT_IN, registry.find("resnet18").orElseThrow().origin());
    assertTrue(registry.find("ResNet18").isEmpty());
  }

  @Test
  void requireExplainsWhatIsAvailable() {
    LoadProblem skipped = new LoadProblem(EXTRA, "not a readable jar (zip END header not found)");
    PluginRegistry registry = new PluginRegistry(List.of(plugin("resnet18", BUILT_IN)), List.of(skipped));

    NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> registry.require("alexnet"));

    assertTrue(e.getMessage().contains("'alexnet'"), e.getMessage());
    assertTrue(e.getMessage().contains("available: resnet18"), e.getMessage());
    assertTrue(e.getMessage().contains("jar:/tmp/plugins.d/extra.jar: not a readable jar"), e.getMessage());
  }

  @Test
  void rejectsTwoPluginsWithOneName() {
    DuplicatePluginException e = assertThrows(DuplicatePluginException.class,
        () -> new PluginRegistry(List.of(plugin("resnet18", BUILT_IN), plugin("resnet18", EXTRA)), List.of()));

    assertEquals(BUILT_IN, e.first());
    assertEquals(EXTRA, e.second());
    assertEquals("two architectures are named 'resnet18': the built-in one and the one in /tmp/plugins.d/extra.jar;"
        + " remove that jar or rename its architecture", e.getMessage());
  }

  @Test
  void twoClasspathPluginsWithOneNameAreToldApartByLocation() {
    PluginOrigin other = new PluginOrigin(PluginOrigin.Kind.CLASSPATH, "/opt/extra-on-cp.jar");

    DuplicatePluginException e = assertThrows(DuplicatePluginException.class,
        () -> new PluginRegistry(List.of(plugin("resnet18", BUILT_IN), plugin("resnet18", other)), List.of()));

    assertEquals("two architectures are named 'resnet18': the built-in one (/opt/convbench.jar) and the built-in one"
        + " (/opt/extra-on-cp.jar); remove one of them from the classpath", e.getMessage());
  }

  @Test
  void rejectsInvalidNamesWhenAPluginIsRecorded() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> plugin("2fast", EXTRA));

    assertTrue(e.getMessage().contains("'2fast'") && e.getMessage().contains("jar:/tmp/plugins.d/extra.jar"),
        e.getMessage());
  }

  private static DiscoveredPlugin plugin(String name, PluginOrigin origin) {
    return new DiscoveredPlugin(new NamedPlugin(name), origin);
  }

  /** Just enough of a plugin to be listed. */
  private record NamedPlugin(String name) implements ArchitecturePlugin {

    @Override
    public String description() {
      return "plugin " + name;
    }

    @Override
    public Operand<TFloat32> logits(Network net, Operand<TFloat32> images, HyperParameters params) {
      throw new UnsupportedOperationException();
    }
  }
}
