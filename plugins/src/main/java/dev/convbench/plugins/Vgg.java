package dev.convbench.plugins;

import static dev.convbench.graph.Layers.dense;
import static dev.convbench.graph.Layers.dropout;
import static dev.convbench.graph.Layers.flatten;
import static dev.convbench.graph.Layers.relu;
import static dev.convbench.plugins.blocks.Blocks.vggBlock;

import dev.convbench.graph.Network;
import dev.convbench.plugins.blocks.VggBlock;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameter;
import dev.convbench.spi.HyperParameters;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * VGG (seed 001's {@code vgg_block}s, seed 004's VGG-16): five blocks of 3×3 convolutions (padding 1) with 64, 128,
 * 256, 512 and 512 channels, each closed by a 2×2 max pool that halves the resolution, then a classifier with two
 * hidden fully connected layers, ReLU and dropout 0.5. {@code depth} picks the paper's configurations: convolutions
 * per block 1-1-2-2-2 (VGG-11), 2-2-2-2-2 (13), 2-2-3-3-3 (16, default) or 2-2-4-4-4 (19).
 *
 * <p>Classifier for 32×32: after five halvings the features are 1×1×512 (ImageNet's 224×224 leaves 7×7×512 =
 * 25,088), so the 4096-unit layers of the original would dwarf the rest of the network; the hidden layers have 512
 * units, as in the small VGG seed 001 prints (fc 3136→512→512→10): flatten 512, fc 512, ReLU, dropout, fc 512, ReLU,
 * dropout, fc 10. Trainable parameters (the same networks in PyTorch,
 * {@code ci/benchmarks/pytorch/classic_param_counts.py}): VGG-11 9,750,922; VGG-13 9,935,434; VGG-16 15,245,130;
 * VGG-19 20,554,826.
 *
 * <p>{@code batch-norm: true} adds a batch norm between each convolution and its ReLU, as torchvision's
 * {@code vgg16_bn} (convolutions keep their bias): VGG-16 then has 15,253,578 parameters.
 */
public final class Vgg implements ArchitecturePlugin {

  private static final int[] CHANNELS = {64, 128, 256, 512, 512};
  private static final Map<Integer, int[]> CONVS_PER_BLOCK = Map.of(
      11, new int[] {1, 1, 2, 2, 2},
      13, new int[] {2, 2, 2, 2, 2},
      16, new int[] {2, 2, 3, 3, 3},
      19, new int[] {2, 2, 4, 4, 4});
  private static final int HIDDEN_UNITS = 512;

  static final HyperParameter<Integer> DEPTH = HyperParameter.integer("depth", 16,
      "weight layers: 11, 13, 16 or 19 (VGG configurations A, B, D, E)").oneOf(11, 13, 16, 19);
  static final HyperParameter<Boolean> BATCH_NORM = HyperParameter.bool("batch-norm", false,
      "batch norm between each convolution and its ReLU");

  @Override
  public String name() {
    return "vgg";
  }

  @Override
  public String description() {
    return "VGG-11/13/16/19: blocks of 3×3 convs (64-512 channels) with max pools, fc 512-512-10";
  }

  @Override
  public List<HyperParameter<?>> hyperParameters() {
    return List.of(DEPTH, BATCH_NORM);
  }

  @Override
  public Operand<TFloat32> logits(Network net, Operand<TFloat32> images, HyperParameters params) {
    int[] convs = CONVS_PER_BLOCK.get(params.get(DEPTH));
    boolean bn = params.get(BATCH_NORM);
    Operand<TFloat32> x = images;
    for (int i = 0; i < CHANNELS.length; i++) {
      VggBlock block = vggBlock(convs[i], CHANNELS[i]);
      x = net.apply(x, bn ? block.withBatchNorm() : block);
    }
    return net.apply("classifier", x,
        flatten(),
        dense(HIDDEN_UNITS), relu(), dropout(0.5),
        dense(HIDDEN_UNITS), relu(), dropout(0.5),
        dense(net.classes()));
  }
}
