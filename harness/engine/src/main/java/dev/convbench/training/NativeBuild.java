package dev.convbench.training;

import java.util.Map;
import org.bytedeco.javacpp.Loader;
import org.tensorflow.TensorFlow;
import org.tensorflow.internal.c_api.TF_Buffer;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.internal.c_api.global.tensorflow;
import org.tensorflow.proto.KernelDef;
import org.tensorflow.proto.KernelList;

/**
 * Which TensorFlow native library this process loaded: the CPU build ({@code tensorflow-core-native} classifier
 * {@code linux-x86_64}) or the CUDA build ({@code linux-x86_64-gpu}).
 *
 * @param gpuBuild whether the loaded library has GPU kernels: only the CUDA build registers any, whether or not a GPU
 *     is present, so this does not depend on file names
 * @param library the JNI library's file as JavaCPP extracted it (its directory names the classifier), or
 *     {@code unknown}
 */
public record NativeBuild(boolean gpuBuild, String library) {

  /** The library loaded in this process (loading it if no TensorFlow class has yet). */
  public static NativeBuild loaded() {
    TensorFlow.version();
    return new NativeBuild(registersGpuKernels("MatMul"), jniLibrary(Loader.getLoadedLibraries()));
  }

  /** {@code CPU build} or {@code GPU build (CUDA)}, for messages. */
  public String describe() {
    return gpuBuild ? "GPU build (CUDA)" : "CPU build";
  }

  private static boolean registersGpuKernels(String op) {
    try (TF_Status status = TF_Status.newStatus()) {
      TF_Buffer buffer = tensorflow.TF_GetRegisteredKernelsForOp(op, status);
      status.throwExceptionIfNotOK();
      try {
        KernelList kernels = KernelList.parseFrom(buffer.dataAsByteBuffer());
        return kernels.getKernelList().stream().map(KernelDef::getDeviceType).anyMatch("GPU"::equals);
      } finally {
        tensorflow.TF_DeleteBuffer(buffer);
      }
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException("TensorFlow's kernel list for " + op + " is not a KernelList", e);
    }
  }

  /** The file of TensorFlow Java's JNI library among JavaCPP's loaded libraries (name → file). */
  static String jniLibrary(Map<String, String> loaded) {
    return loaded.values().stream().filter(path -> path.contains("jnitensorflow")).findFirst().orElse("unknown");
  }
}
