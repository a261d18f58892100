package dev.convbench.training;

import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.RewriterConfig;

/** The TensorFlow session options a run asks for: its device, thread counts and mixed-precision graph rewriter. */
final class SessionConfig {

  private SessionConfig() {}

  static ConfigProto of(Threads threads, Precision precision, DeviceSetting device) {
    ConfigProto.Builder config = device.configure(ConfigProto.newBuilder()).setAllowSoftPlacement(true)
        .setIntraOpParallelismThreads(threads.intraOp()).setInterOpParallelismThreads(threads.interOp());
    RewriterConfig.Builder rewriter = config.getGraphOptionsBuilder().getRewriteOptionsBuilder();
    switch (precision) {
      // Grappler's own lists decide which ops move to 16 bits (convolutions, matrix products, batch norm and
      // their gradients) and which stay fp32 (variables, their updates, softmax and the cross-entropy loss).
      case BF16 -> rewriter.setAutoMixedPrecisionOnednnBfloat16(RewriterConfig.Toggle.ON);
      case FP16 -> rewriter.setAutoMixedPrecision(RewriterConfig.Toggle.ON);
      case FP32 -> { }
      case AUTO -> throw new IllegalArgumentException("precision auto must be resolved before a run starts");
    }
    return config.build();
  }
}
