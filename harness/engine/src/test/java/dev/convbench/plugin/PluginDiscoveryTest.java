package dev.convbench.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.spi.ArchitecturePlugin;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginDiscoveryTest {

  private final ClassLoader harness = PluginDiscoveryTest.class.getClassLoader();
  private final PluginDiscovery discovery = new PluginDiscovery();

  @TempDir
  Path temp;

  private Path pluginDir() throws IOException {
    return Files.createDirectories(temp.resolve("plugins.d"));
  }

  @Test
  void findsPluginsOnTheClasspath() {
    PluginRegistry registry = discovery.discover(harness, temp.resolve("no-such-dir"));

    DiscoveredPlugin fixture = registry.require(ClasspathFixturePlugin.NAME);
    assertTrue(fixture.plugin() instanceof ClasspathFixturePlugin);
    assertEquals(PluginOrigin.Kind.CLASSPATH, fixture.origin().kind());
    Path testClasses = Path.of(fixture.origin().location());
    assertTrue(Files.isDirectory(testClasses), "origin is the test-classes directory: " + fixture.origin());
    assertTrue(fixture.origin().toString().startsWith("classpath:/"), fixture.origin().toString());
    assertEquals(List.of(), registry.problems());
  }

  @Test
  void loadsAPluginJarFromThePluginDirectoryInItsOwnClassLoader() throws Exception {
    Path jar = PluginJars.plugin(pluginDir().resolve("widget.jar"), "ext.Widget", "widget");

    PluginRegistry registry = discovery.discover(harness, pluginDir());

    DiscoveredPlugin widget = registry.require("widget");
    assertEquals("jar:" + jar.toAbsolutePath(), widget.origin().toString());
    assertEquals("built by a convbench test", widget.plugin().description());
    ClassLoader pluginLoader = widget.plugin().getClass().getClassLoader();
    assertTrue(pluginLoader instanceof URLClassLoader, "defined by the jar's own loader");
    assertSame(ArchitecturePlugin.class, pluginLoader.loadClass(ArchitecturePlugin.class.getName()),
        "the SPI is shared with the harness");
    // The jar's loader also sees the harness's services file; the fixture must still be listed once.
    assertEquals(List.of(ClasspathFixturePlugin.NAME, "widget"), registry.names());
    assertEquals(List.of(), registry.problems());
  }

  @Test
  void jarsDoNotSeeEachOthersClasses() throws IOException {
    // Same class name in both jars: fine, because each jar has a class loader of its own.
    PluginJars.plugin(pluginDir().resolve("a.jar"), "ext.Net", "alpha");
    PluginJars.plugin(pluginDir().resolve("b.jar"), "ext.Net", "beta");

    PluginRegistry registry = discovery.discover(harness, pluginDir());

    Class<?> alpha = registry.require("alpha").plugin().getClass();
    Class<?> beta = registry.require("beta").plugin().getClass();
    assertEquals(alpha.getName(), beta.getName());
    assertNotSame(alpha.getClassLoader(), beta.getClassLoader());
  }

  @Test
  void readsEveryDirectoryInOrderAndSkipsMissingOnes() throws IOException {
    Path installed = Files.createDirectories(temp.resolve("installed"));
    Path perUser = Files.createDirectories(temp.resolve("per-user"));
    PluginJars.plugin(installed.resolve("z-first.jar"), "ext.First", "first");
    PluginJars.plugin(perUser.resolve("a-second.jar"), "ext.Second", "second");

    PluginRegistry registry = discovery.discover(harness, List.of(installed, temp.resolve("missing"), perUser));

    assertEquals(List.of(ClasspathFixturePlugin.NAME, "first", "second"), registry.names());
    assertEquals(List.of(), registry.problems());
  }

  @Test
  void onePluginNameInTwoDirectoriesIsAnErrorNamingBothJars() throws IOException {
    Path first = PluginJars.plugin(Files.createDirectories(temp.resolve("installed")).resolve("twin.jar"), "ext.A",
        "twin");
    Path second = PluginJars.plugin(Files.createDirectories(temp.resolve("per-user")).resolve("twin.jar"), "ext.B",
        "twin");

    DuplicatePluginException e = assertThrows(DuplicatePluginException.class,
        () -> discovery.discover(harness, List.of(first.getParent(), second.getParent())));

    assertEquals("two architectures are named 'twin': the one in " + first.toAbsolutePath() + " and the one in "
        + second.toAbsolutePath() + "; remove one of the jars or rename its architecture", e.getMessage());
  }

  @Test
  void twoJarsWithOnePluginNameAreAnErrorNamingBothJars() throws IOException {
    Path first = PluginJars.plugin(pluginDir().resolve("a-twin.jar"), "ext.A", "twin");
    Path second = PluginJars.plugin(pluginDir().resolve("b-twin.jar"), "ext.B", "twin");

    DuplicatePluginException e =
        assertThrows(DuplicatePluginException.class, () -> discovery.discover(harness, pluginDir()));

    assertEquals("twin", e.name());
    assertEquals("two architectures are named 'twin': the one in " + first.toAbsolutePath() + " and the one in "
        + second.toAbsolutePath() + "; remove one of the jars or rename its architecture", e.getMessage());
  }

  @Test
  void aJarReusingAClasspathPluginNameIsAnErrorNamingBothOrigins() throws IOException {
    Path jar = PluginJars.plugin(pluginDir().resolve("impostor.jar"), "ext.Impostor", ClasspathFixturePlugin.NAME);

    DuplicatePluginException e =
        assertThrows(DuplicatePluginException.class, () -> discovery.discover(harness, pluginDir()));

    assertEquals(PluginOrigin.Kind.CLASSPATH, e.first().kind());
    assertEquals("two architectures are named '" + ClasspathFixturePlugin.NAME + "': the built-in one and the one in "
        + jar.toAbsolutePath() + "; remove that jar or rename its architecture", e.getMessage());
  }

  @Test
  void aCorruptJarIsSkippedAndTheOthersStillLoad() throws IOException {
    byte[] noise = new byte[4096];
    new Random(42).nextBytes(noise);
    Path corrupt = Files.write(pluginDir().resolve("corrupt.jar"), noise);
    PluginJars.plugin(pluginDir().resolve("widget.jar"), "ext.Widget", "widget");

    PluginRegistry registry = discovery.discover(harness, pluginDir());

    assertTrue(registry.find("widget").isPresent());
    LoadProblem problem = onlyProblem(registry);
    assertEquals(PluginOrigin.jar(corrupt), problem.origin());
    assertTrue(problem.message().startsWith("not a readable jar"), problem.message());
  }

  @Test
  void aJarWhosePluginConstructorThrowsIsSkippedWithTheReason() throws IOException {
    PluginJars.plugin(pluginDir().resolve("locked.jar"), "ext.Locked", "locked",
        "throw new IllegalStateException(\"licence key missing\");");
    PluginJars.plugin(pluginDir().resolve("widget.jar"), "ext.Widget", "widget");

    PluginRegistry registry = discovery.discover(harness, pluginDir());

    assertEquals(List.of(ClasspathFixturePlugin.NAME, "widget"), registry.names());
    String message = onlyProblem(registry).message();
    assertTrue(message.contains("ext.Locked"), message);
    assertTrue(message.contains("IllegalStateException: licence key missing"), message);
  }

  @Test
  void aJarWithAnInvalidPluginNameIsSkipped() throws IOException {
    PluginJars.plugin(pluginDir().resolve("shouty.jar"), "ext.Shouty", "ResNet_50");

    PluginRegistry registry = discovery.discover(harness, pluginDir());

    String message = onlyProblem(registry).message();
    assertTrue(message.contains("'ResNet_50'") && message.contains(DiscoveredPlugin.NAME_REGEX), message);
    assertEquals(List.of(ClasspathFixturePlugin.NAME), registry.names());
  }

  @Test
  void aJarListingAMissingClassIsSkipped() throws IOException {
    String present = PluginJars.pluginSource("ext.Present", "present", "");
    PluginJars.build(pluginDir().resolve("typo.jar"), List.of(present), List.of("ext.Present", "ext.Absent"));

    PluginRegistry registry = discovery.discover(harness, pluginDir());

    String message = onlyProblem(registry).message();
    assertTrue(message.contains("ext.Absent") && message.contains("not found"), message);
    assertTrue(registry.find("present").isEmpty(), "a jar loads all or nothing");
  }

  private Path widgetBuiltFor(String apiVersion) throws IOException {
    return PluginJars.build(pluginDir().resolve("widget-" + apiVersion + ".jar"),
        List.of(PluginJars.pluginSource("ext.Widget", "widget", "")), List.of("ext.Widget"),
        java.util.Map.of(dev.convbench.spi.SpiVersion.MANIFEST_ATTRIBUTE, apiVersion));
  }

  @Test
  void aJarBuiltForThisPluginApiOrAnEarlierMinorLoads() throws IOException {
    dev.convbench.spi.SpiVersion here = dev.convbench.spi.SpiVersion.current();
    widgetBuiltFor(here.major() + ".0");
    assertTrue(discovery.discover(harness, pluginDir()).find("widget").isPresent());
  }

  @Test
  void aJarBuiltForAnotherMajorOrALaterMinorPluginApiIsRefusedWithBothVersions() throws IOException {
    dev.convbench.spi.SpiVersion here = dev.convbench.spi.SpiVersion.current();
    String otherMajor = (here.major() + 1) + ".0";
    widgetBuiltFor(otherMajor);
    PluginRegistry registry = discovery.discover(harness, pluginDir());
    assertEquals("built for plugin API " + otherMajor + ", but this convbench has plugin API " + here
        + "; rebuild the plugin against convbench-spi " + here + ", or use a convbench whose plugin API is "
        + (here.major() + 1) + ".x", onlyProblem(registry).message());
    assertTrue(registry.find("widget").isEmpty());

    Files.delete(pluginDir().resolve("widget-" + otherMajor + ".jar"));
    widgetBuiltFor(here.major() + "." + (here.minor() + 1));
    assertTrue(onlyProblem(discovery.discover(harness, pluginDir())).message().startsWith("built for plugin API "));
  }

  @Test
  void aJarWhoseApiVersionIsNotAVersionIsRefused() throws IOException {
    widgetBuiltFor("latest");
    assertTrue(onlyProblem(discovery.discover(harness, pluginDir())).message()
        .startsWith("its manifest's Convbench-SPI-Version is 'latest', not a version such as "));
  }

  @Test
  void theApiVersionIsFilledInByTheBuild() {
    // An unfiltered "${...}" placeholder would not parse, and current() would throw.
    assertTrue(dev.convbench.spi.SpiVersion.current().major() >= 1);
  }

  @Test
  void aJarWithoutAServicesFileIsSkippedWithAHint() throws IOException {
    PluginJars.build(pluginDir().resolve("library.jar"), List.of(PluginJars.pluginSource("ext.Lib", "lib", "")),
        null);

    String message = onlyProblem(discovery.discover(harness, pluginDir())).message();

    assertTrue(message.contains(PluginDiscovery.SERVICE_FILE), message);
  }

  @Test
  void aJarListingOnlyClasspathClassesAddsNothingAndSaysSo() throws IOException {
    PluginJars.build(pluginDir().resolve("copy.jar"), List.of(PluginJars.pluginSource("ext.Unused", "unused", "")),
        List.of(ClasspathFixturePlugin.class.getName()));

    PluginRegistry registry = discovery.discover(harness, pluginDir());

    assertEquals(List.of(ClasspathFixturePlugin.NAME), registry.names());
    assertTrue(onlyProblem(registry).message().contains("already on the harness classpath"));
  }

  @Test
  void aBrokenClasspathProviderIsReportedOnceAndNotBlamedOnJars() throws IOException {
    Path brokenEntry = temp.resolve("broken-classpath-entry");
    Path services = brokenEntry.resolve(PluginDiscovery.SERVICE_FILE);
    Files.createDirectories(services.getParent());
    Files.writeString(services, "ext.NotThere\n");
    PluginJars.plugin(pluginDir().resolve("widget.jar"), "ext.Widget", "widget");

    try (URLClassLoader classpath = new URLClassLoader(new URL[] {brokenEntry.toUri().toURL()}, harness)) {
      PluginRegistry registry = discovery.discover(classpath, pluginDir());

      assertEquals(List.of(ClasspathFixturePlugin.NAME, "widget"), registry.names());
      LoadProblem problem = onlyProblem(registry);
      assertEquals(PluginOrigin.Kind.CLASSPATH, problem.origin().kind());
      assertTrue(problem.message().contains("ext.NotThere"), problem.message());
    }
  }

  @Test
  void onlyJarFilesDirectlyInThePluginDirectoryAreLoaded() throws IOException {
    Files.writeString(pluginDir().resolve("README.txt"), "not a jar");
    Path nested = Files.createDirectories(pluginDir().resolve("old"));
    PluginJars.plugin(nested.resolve("nested.jar"), "ext.Nested", "nested");

    PluginRegistry registry = discovery.discover(harness, pluginDir());

    assertEquals(List.of(ClasspathFixturePlugin.NAME), registry.names());
    assertEquals(List.of(), registry.problems());
  }

  @Test
  void aMissingPluginDirectoryContributesNothing() {
    PluginRegistry registry = discovery.discover(harness, temp.resolve("plugins.d"));

    assertEquals(List.of(ClasspathFixturePlugin.NAME), registry.names());
    assertEquals(List.of(), registry.problems());
  }

  @Test
  void aFileInPlaceOfThePluginDirectoryIsAnError() throws IOException {
    Path file = Files.writeString(temp.resolve("plugins.d"), "oops");

    PluginDiscoveryException e =
        assertThrows(PluginDiscoveryException.class, () -> discovery.discover(harness, file));

    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("not a directory"),
        e.getMessage());
  }

  private static LoadProblem onlyProblem(PluginRegistry registry) {
    assertEquals(1, registry.problems().size(), () -> "problems: " + registry.problems());
    return registry.problems().get(0);
  }
}
