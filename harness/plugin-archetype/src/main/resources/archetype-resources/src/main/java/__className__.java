package ${package};

import static dev.convbench.graph.Layers.batchNorm;
import static dev.convbench.graph.Layers.conv;
import static dev.convbench.graph.Layers.dense;
import static dev.convbench.graph.Layers.globalAvgPool;
import static dev.convbench.graph.Layers.maxPool;
import static dev.convbench.graph.Layers.relu;

import dev.convbench.graph.Network;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameter;
import dev.convbench.spi.HyperParameters;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Two stages of 3×3 convolution, batch norm, ReLU and 2×2 max pooling (32×32 → 16×16 → 8×8), then global
 * average pooling and a linear classifier. An experiment file sets the width as
 * {@code ${architecture}.width: [16, 32]}.
 */
public final class ${className} implements ArchitecturePlugin {

  static final HyperParameter<Integer> WIDTH = HyperParameter.integer("width", 32,
      "channels of the first stage; the second has twice as many").range(4, 512);

  @Override
  public String name() {
    return "${architecture}";
  }

  @Override
  public String description() {
    return "two conv+BN+ReLU+max-pool stages, global average pooling, a linear classifier";
  }

  @Override
  public List<HyperParameter<?>> hyperParameters() {
    return List.of(WIDTH);
  }

  @Override
  public Operand<TFloat32> logits(Network net, Operand<TFloat32> images, HyperParameters params) {
    int width = params.get(WIDTH);
    // No bias in a convolution followed by batch norm: the norm's shift replaces it.
    Operand<TFloat32> x = net.apply("stage1", images,
        conv(width, 3).padding(1).noBias(), batchNorm(), relu(), maxPool(2));
    x = net.apply("stage2", x,
        conv(2 * width, 3).padding(1).noBias(), batchNorm(), relu(), maxPool(2));
    return net.apply("head", x, globalAvgPool(), dense(net.classes()));
  }
}
