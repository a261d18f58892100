package dev.convbench.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameter;
import java.util.List;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What {@code convbench list} and {@code describe} show of the built-ins says what each network is; the course
 * report a network comes from is named in words ("the course reports' DenseNet4"), not by its file number.
 */
class DescriptionsTest {

  /** A course report's file number ("seed 002") or a tracker reference: meaningless to a user. */
  private static final Pattern INTERNAL_REFERENCE = Pattern.compile("(?i)\\bseeds? \\d{3}|\\bissue\\b");

  @Test
  void noDescriptionNamesAFileNumberOrAnIssue() {
    List<ArchitecturePlugin> plugins = ServiceLoader.load(ArchitecturePlugin.class).stream()
        .map(ServiceLoader.Provider::get).filter(p -> p.getClass().getPackageName().equals("dev.convbench.plugins"))
        .toList();
    assertFalse(plugins.isEmpty(), "the built-ins are on the test classpath");
    for (ArchitecturePlugin plugin : plugins) {
      assertFalse(INTERNAL_REFERENCE.matcher(plugin.description()).find(), plugin.name() + ": " + plugin.description());
      for (HyperParameter<?> parameter : plugin.hyperParameters()) {
        assertFalse(INTERNAL_REFERENCE.matcher(parameter.description()).find(),
            plugin.name() + " " + parameter.name() + ": " + parameter.description());
      }
    }
  }

  @Test
  void whereTheOriginMattersTheDescriptionNamesTheCourseReportsNetwork() {
    assertEquals("DenseNet-BC for CIFAR: 3×3 stem, dense blocks of bottleneck layers, transitions; defaults as in the"
        + " course reports' DenseNet4", BuiltInArchitecturesTest.plugin("densenet").description());
    assertEquals("Plain CNN of the course reports (the PyTorch CIFAR-10 tutorial's): conv 6·5×5, pool, conv 16·5×5,"
        + " pool, fc 120-84-10", BuiltInArchitecturesTest.plugin("baseline-cnn").description());
  }
}
