package dev.convbench.training;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.internal.c_api.TFE_Context;
import org.tensorflow.internal.c_api.TFE_ContextOptions;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.internal.c_api.global.tensorflow;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;

/** What TensorFlow computes on here: a GPU when the GPU native is installed and finds one, else the CPU. */
public final class Devices {

  private Devices() {}

  /**
   * A device TensorFlow created in this process.
   *
   * @param name e.g. {@code /job:localhost/replica:0/task:0/device:GPU:0}
   * @param type {@code CPU} or {@code GPU}
   * @param memoryBytes the memory TensorFlow may use on it
   */
  public record TensorFlowDevice(String name, String type, long memoryBytes) {}

  /** {@link #detect(DeviceSetting)} for {@code auto}. */
  public static String detect() {
    return detect(DeviceSetting.AUTO);
  }

  /**
   * Where a session configured with {@code setting} computes: {@code GPU} when an op pinned to its first GPU runs
   * without soft placement, else {@code CPU} ({@code cpu} is not probed: its sessions see no GPU).
   */
  public static String detect(DeviceSetting setting) {
    if (setting.kind() == DeviceSetting.Kind.CPU) {
      return "CPU";
    }
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g).withDevice(DeviceSpec.newBuilder()
          .deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build());
      var probe = tf.math.add(tf.constant(1f), tf.constant(1f));
      try (Session s = new Session(g, setting.configure(ConfigProto.newBuilder()).setAllowSoftPlacement(false)
          .build())) {
        s.runner().fetch(probe).run().close();
        return "GPU";
      }
    } catch (RuntimeException e) {
      return "CPU";
    }
  }

  /**
   * The GPUs TensorFlow creates devices for under TensorFlow's defaults (every GPU CUDA shows this process), taking
   * GPU memory as needed rather than all of it.
   *
   * @throws RuntimeException when TensorFlow cannot create its devices
   */
  public static List<TensorFlowDevice> tensorFlowGpus() {
    List<TensorFlowDevice> gpus = new ArrayList<>();
    TensorFlow.version();
    byte[] config = ConfigProto.newBuilder().setGpuOptions(
        org.tensorflow.proto.GPUOptions.newBuilder().setAllowGrowth(true)).build().toByteArray();
    try (TF_Status status = TF_Status.newStatus();
        TFE_ContextOptions options = TFE_ContextOptions.newContextOptions();
        BytePointer configBytes = new BytePointer(config)) {
      tensorflow.TFE_ContextOptionsSetConfig(options, configBytes, config.length, status);
      status.throwExceptionIfNotOK();
      TFE_Context context = tensorflow.TFE_NewContext(options, status);
      status.throwExceptionIfNotOK();
      try {
        TF_DeviceList devices = tensorflow.TFE_ContextListDevices(context, status);
        status.throwExceptionIfNotOK();
        try {
          for (int i = 0; i < tensorflow.TF_DeviceListCount(devices); i++) {
            String type = tensorflow.TF_DeviceListType(devices, i, status).getString();
            if (type.equals("GPU")) {
              gpus.add(new TensorFlowDevice(tensorflow.TF_DeviceListName(devices, i, status).getString(), type,
                  tensorflow.TF_DeviceListMemoryBytes(devices, i, status)));
            }
            status.throwExceptionIfNotOK();
          }
        } finally {
          tensorflow.TF_DeleteDeviceList(devices);
        }
      } finally {
        tensorflow.TFE_DeleteContext(context);
      }
    }
    return gpus;
  }

  /** The first GPU's name from {@code nvidia-smi}, or {@code GPU} when it cannot be asked. */
  public static String gpuModel() {
    return gpuModel(DeviceSetting.AUTO);
  }

  /**
   * The name of the GPU a session with {@code setting} computes on, from {@code nvidia-smi}, or {@code GPU} when it
   * cannot be told. {@code nvidia-smi} numbers GPUs its own way, not as CUDA and {@code CUDA_VISIBLE_DEVICES} do: the
   * name is right when the machine's GPUs are all alike or CUDA_VISIBLE_DEVICES is unset.
   */
  public static String gpuModel(DeviceSetting setting) {
    int index = Math.max(0, setting.gpuIndex());
    return NvidiaDriver.listGpus().orElse(List.of()).stream().filter(g -> g.index() == index)
        .map(NvidiaDriver.PhysicalGpu::name).filter(name -> !name.isEmpty()).findFirst().orElse("GPU");
  }


  /** The TensorFlow runtime version, e.g. {@code 2.16.2}. */
  public static String tensorFlowVersion() {
    return TensorFlow.version();
  }

  /**
   * The facts that decide {@link Precision#AUTO} for runs with {@code setting} here: the CPU's flags, whether the
   * runs use a GPU and, if so, its compute capability.
   */
  public static Hardware hardware(DeviceSetting setting) {
    boolean gpu = detect(setting).equals("GPU");
    return Hardware.detect(gpu, gpu ? GpuReadiness.ofThisProcess(System.getenv()).computeCapability(setting) : 0);
  }
}
