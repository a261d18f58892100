package dev.convbench.spi;

import static dev.convbench.graph.Layers.conv;
import static dev.convbench.graph.Layers.dense;
import static dev.convbench.graph.Layers.globalAvgPool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.convbench.graph.Network;
import dev.convbench.graph.NetworkSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Values resolved against an architecture's declarations, and read back with the declared parameters. */
class HyperParametersTest {

  private static final HyperParameter<Integer> DEPTH = HyperParameter.integer("depth", 18, "layers").oneOf(18, 34);
  private static final HyperParameter<Double> LR_SCALE = HyperParameter.number("lr-scale", 1.0, "factor");
  private static final HyperParameter<List<Integer>> BLOCKS = HyperParameter.integerList("blocks", List.of(1, 1),
      "layers per block").range(1, 64);
  private static final List<HyperParameter<?>> DECLARED = List.of(DEPTH, LR_SCALE, BLOCKS);

  @Test
  void suppliedValuesAreReadByTheirDeclarationAndDefaultsFillTheRest() {
    Map<String, Object> supplied = new LinkedHashMap<>();
    supplied.put("blocks", List.of(2L, 3L));
    supplied.put("lr-scale", 2);
    HyperParameters params = HyperParameters.resolve(DECLARED, supplied);

    assertEquals(18, params.get(DEPTH));
    assertEquals(2.0, params.get(LR_SCALE));
    assertEquals(List.of(2, 3), params.get(BLOCKS));
    assertEquals(List.of("depth", "lr-scale", "blocks"), List.copyOf(params.asMap().keySet()),
        "declaration order, whatever the order supplied");
    assertEquals(Double.valueOf(2.0), params.asMap().get("lr-scale"), "one form per value, as stored in results");
  }

  @Test
  void everyProblemIsNamedAtOnce() {
    Map<String, Object> supplied = new LinkedHashMap<>();
    supplied.put("depth", 50);
    supplied.put("blocks", List.of(0));
    supplied.put("dept", 34);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HyperParameters.resolve(DECLARED, supplied));
    assertEquals("depth must be one of 18, 34, got 50; blocks each element must be between 1 and 64, got 0; "
        + "unknown hyper-parameter dept", e.getMessage());
  }

  @Test
  void aNameDeclaredTwiceIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HyperParameters.defaults(List.of(DEPTH, HyperParameter.integer("depth", 34, "layers"))));
    assertEquals("hyper-parameter depth is declared twice", e.getMessage());
  }

  @Test
  void readingAParameterThatWasNotDeclaredSaysWhichOnesWere() {
    HyperParameters params = HyperParameters.defaults(DECLARED);
    HyperParameter<Integer> width = HyperParameter.integer("width", 64, "channels");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> params.get(width));
    assertEquals("hyper-parameter 'width' is read but not declared; list it in hyperParameters() (declared: depth,"
        + " lr-scale, blocks)", e.getMessage());
  }

  @Test
  void readingWithAnotherDeclarationOfTheSameNameFails() {
    HyperParameters params = HyperParameters.defaults(DECLARED);
    HyperParameter<Integer> otherDepth = HyperParameter.integer("depth", 34, "layers");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> params.get(otherDepth));
    assertEquals("hyper-parameter 'depth' is read as depth (integer, default 34) but declared as depth (integer, "
        + "default 18); read it with the constant hyperParameters() lists", e.getMessage());
    assertEquals(18, params.get(HyperParameter.integer("depth", 18, "layers").oneOf(18, 34)),
        "an equal declaration is the same key");
  }

  /** Declares a width, then also reads a depth it never declared. */
  static final class ForgetfulNet implements ArchitecturePlugin {
    static final HyperParameter<Integer> WIDTH = HyperParameter.integer("width", 4, "channels");

    @Override
    public String name() {
      return "forgetful";
    }

    @Override
    public String description() {
      return "reads a hyper-parameter it does not declare";
    }

    @Override
    public List<HyperParameter<?>> hyperParameters() {
      return List.of(WIDTH);
    }

    @Override
    public Operand<TFloat32> logits(Network net, Operand<TFloat32> images, HyperParameters params) {
      Operand<TFloat32> x = net.apply(images, conv(params.get(WIDTH), 1));
      return net.apply(x, conv(params.get(DEPTH), 1), globalAvgPool(), dense(net.classes()));
    }
  }

  @Test
  void aPluginThatReadsWhatItDidNotDeclareFailsWhenItBuildsSayingWhat() {
    ArchitecturePlugin plugin = new ForgetfulNet();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NetworkSummary.of(plugin, HyperParameters.defaults(plugin.hyperParameters()), 10));
    assertEquals("hyper-parameter 'depth' is read but not declared; list it in hyperParameters() (declared: width)",
        e.getMessage());
  }
}
