package dev.convbench.training;

import java.util.List;

/**
 * The CUDA libraries the GPU build of TensorFlow 2.16.2 ({@code tensorflow-core-native:1.0.0:linux-x86_64-gpu})
 * opens at run time. It bundles none and links none: it {@code dlopen}s each by soname, and uses a GPU only when every
 * one of {@link #REQUIRED} opens (otherwise it logs "Cannot dlopen some GPU libraries" and computes on the CPU).
 *
 * <p>The names are what the build itself asks for: its loader functions
 * ({@code tsl::internal::DsoLoader::Get*DsoHandle} in {@code libtensorflow_framework.so.2}) called one by one with
 * {@code LD_DEBUG=libs} showing each {@code dlopen}; {@code ci/gpu-native-check.sh} repeats that check. Note cuDNN 8,
 * not 9: TensorFlow moved to cuDNN 9 in 2.18. Not needed to train, so not checked: {@code libcupti.so.12}
 * (profiler), {@code libnccl.so.2} (multi-GPU collectives), {@code libnvinfer.so.8.6.1} (TensorRT).
 */
public final class CudaLibraries {

  private CudaLibraries() {}

  /** The NVIDIA driver's user-space library, installed with the driver, not with CUDA. */
  public static final String DRIVER = "libcuda.so.1";

  /** Every library the GPU build needs besides the driver, in the order it opens them. */
  public static final List<String> REQUIRED = List.of("libcudart.so.12", "libcublas.so.12", "libcublasLt.so.12",
      "libcufft.so.11", "libcusolver.so.11", "libcusparse.so.12", "libcudnn.so.8");

  /** What to install, for messages. */
  public static final String INSTALL_HINT = "install CUDA 12 and cuDNN 8 for CUDA 12, or add their directory to "
      + "LD_LIBRARY_PATH";

  /** Each of {@link #REQUIRED} as the dynamic loader would find it. */
  public static List<SharedLibraryLocator.Lookup> lookUp(SharedLibraryLocator locator) {
    return REQUIRED.stream().map(locator::find).toList();
  }
}
