package dev.convbench.plugins.blocks;

import static dev.convbench.graph.Layers.avgPool;
import static dev.convbench.graph.Layers.batchNorm;
import static dev.convbench.graph.Layers.conv;
import static dev.convbench.graph.Layers.relu;

import dev.convbench.graph.Layer;
import dev.convbench.graph.Network;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Seed 002's Res2Net block: 1×1 conv + BN + ReLU to {@code width·scales} channels ({@code width = channels / scales}),
 * split into {@code scales} groups of {@code width} channels; the first group is kept as it is, group {@code i ≥ 2}
 * goes through its own 3×3 conv + BN + ReLU, after adding group {@code i-1} of the split for {@code i ≥ 3}; the
 * groups are concatenated back, then 1×1 conv + BN to {@code channels}, added to the shortcut (identity, or 1×1 conv
 * + BN projection when stride or width change), ReLU. All convs without bias.
 *
 * <p>Where this differs from the seed, without changing a weight: at a strided block the seed's forward fails (it
 * concatenates the unstrided first group with a strided one). As in the Res2Net paper's code, every 3×3 conv of the
 * block then takes the stride, and the group that skips the convs goes through a 3×3 average pool with the same
 * stride and padding 1 (zero padding counted, PyTorch's default).
 *
 * <p>What is kept from the seed although the paper differs: the 3×3 conv of group {@code i} reads group {@code i} plus
 * the split's group {@code i-1} (the paper adds the previous conv's output), and the unchanged group comes first.
 */
public final class Res2NetBlock implements Layer {

  private final int channels;
  private final int stride;
  private final int scales;

  Res2NetBlock(int channels, int stride, int scales) {
    if (channels < 1 || stride < 1 || scales < 2 || channels / scales < 1) {
      throw new IllegalArgumentException("invalid Res2Net block: channels=" + channels + " stride=" + stride
          + " scales=" + scales + " (need stride >= 1, scales >= 2, channels >= scales)");
    }
    this.channels = channels;
    this.stride = stride;
    this.scales = scales;
  }

  @Override
  public String kind() {
    return "block";
  }

  @Override
  public Operand<TFloat32> apply(Network net, Operand<TFloat32> x) {
    Ops tf = net.tf();
    int width = channels / scales;
    Operand<TFloat32> wide = net.apply(x, conv(width * scales, 1).noBias(), batchNorm(), relu());
    List<Operand<TFloat32>> groups = new ArrayList<>(tf.split(tf.constant(3), wide, (long) scales).output());
    List<Operand<TFloat32>> parts = new ArrayList<>();
    parts.add(stride == 1 ? groups.get(0) : net.apply("group1", groups.get(0), avgPool(3, stride).padding(1)));
    for (int i = 1; i < scales; i++) {
      Operand<TFloat32> in = i == 1 ? groups.get(i) : tf.math.add(groups.get(i), groups.get(i - 1));
      parts.add(net.apply("group" + (i + 1), in,
          conv(width, 3).stride(stride).padding(1).noBias(), batchNorm(), relu()));
    }
    Operand<TFloat32> joined = tf.concat(parts, tf.constant(3));
    net.child("concat").record(String.format("Concat(%d×%d → %d)", scales, width, width * scales), joined, 0);
    Operand<TFloat32> residual = net.apply(joined, conv(channels, 1).noBias(), batchNorm());
    Operand<TFloat32> identity = x;
    if (stride != 1 || x.shape().get(3) != channels) {
      identity = net.apply("shortcut", x, conv(channels, 1).stride(stride).noBias(), batchNorm());
    }
    return net.apply(tf.math.add(residual, identity), relu());
  }
}
