package dev.convbench.results;

/**
 * The machine and software a run executed on, stored in {@code run.json} so results from different machines can be
 * told apart.
 *
 * @param tensorflowVersion TensorFlow version as reported by the native library, e.g. {@code 2.18.0}
 * @param device the device the graph ran on, e.g. {@code CPU} or a GPU name
 * @param gpuModel the GPU model when one was used or visible, else {@code null}
 * @param jvm JVM vendor and version, e.g. {@code Eclipse Adoptium 17.0.15+6}
 * @param os operating system name, version and architecture
 * @param cpuModel CPU model ({@code model name} of {@code /proc/cpuinfo} on Linux, else {@code os.arch})
 * @param availableProcessors logical processors visible to the JVM
 * @param requestedDevice the {@code device} setting the run was started with ({@code auto}, {@code cpu},
 *     {@code gpu}, {@code gpu:1}); null in results written before the setting existed
 */
public record Environment(String tensorflowVersion, String device, String gpuModel, String jvm, String os,
    String cpuModel, int availableProcessors, String requestedDevice) {}
