package dev.convbench.training;

import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;

/** What TensorFlow computes on here: a GPU when the GPU native is installed and finds one, else the CPU. */
public final class Devices {

  private Devices() {}

  /** {@code GPU} when an op pinned to {@code /device:GPU:0} runs without soft placement, else {@code CPU}. */
  public static String detect() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g).withDevice(DeviceSpec.newBuilder()
          .deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build());
      var probe = tf.math.add(tf.constant(1f), tf.constant(1f));
      try (Session s = new Session(g, ConfigProto.newBuilder().setAllowSoftPlacement(false).build())) {
        s.runner().fetch(probe).run().close();
        return "GPU";
      }
    } catch (RuntimeException e) {
      return "CPU";
    }
  }

  /** The first GPU's name from {@code nvidia-smi}, or {@code GPU} when it cannot be asked. */
  public static String gpuModel() {
    try {
      Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=name", "--format=csv,noheader")
          .redirectErrorStream(true).start();
      String first = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("").trim();
      return p.waitFor() == 0 && !first.isEmpty() ? first : "GPU";
    } catch (java.io.IOException e) {
      return "GPU";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "GPU";
    }
  }

  /** The TensorFlow runtime version, e.g. {@code 2.16.2}. */
  public static String tensorFlowVersion() {
    return TensorFlow.version();
  }

  /** The facts that decide {@link Precision#AUTO} here: the CPU's flags and whether runs use a GPU. */
  public static Hardware hardware() {
    return Hardware.detect(detect().equals("GPU"), 0);
  }
}
