package dev.convbench.training;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The number format a run computes in. Variables, their updates, the loss and the softmax stay fp32 in every mode;
 * the modes differ in what TensorFlow's graph rewriter may move to a 16-bit format (convolutions, matrix products,
 * batch normalisation and their gradients).
 */
public enum Precision {
  /** Everything in 32-bit floats: the default, so files written before this setting keep their numbers. */
  FP32,
  /** bfloat16 through oneDNN's rewriter: the CPU's mixed precision (needs AVX512_BF16 or AMX to be fast). */
  BF16,
  /** float16 through TensorFlow's GPU rewriter, with dynamic loss scaling: the GPU's mixed precision. */
  FP16,
  /** The fastest of the above the machine runs well, decided by {@link #resolve(Hardware)} before a run starts. */
  AUTO;

  /** The name used in experiment files and on the command line: {@code fp32}, {@code bf16}, ... */
  @JsonValue
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return yamlName();
  }

  /** Every name accepted in experiment files, in documentation order. */
  public static List<String> yamlNames() {
    return Arrays.stream(values()).map(Precision::yamlName).toList();
  }

  /** The precision called {@code name} in a file or on the command line, if there is one. */
  public static Optional<Precision> parse(String name) {
    return Arrays.stream(values()).filter(p -> p.yamlName().equals(name)).findFirst();
  }

  /**
   * The concrete precision this setting stands for on {@code hardware}: {@link #AUTO} becomes fp16 when the run
   * uses a GPU with tensor cores, bf16 on a CPU with AVX512_BF16 or AMX, else fp32; the others stand for
   * themselves.
   */
  public Precision resolve(Hardware hardware) {
    if (this != AUTO) {
      return this;
    }
    if (hardware.usesGpu()) {
      return hardware.gpuHasTensorCores() ? FP16 : FP32;
    }
    return hardware.cpuHasBf16() ? BF16 : FP32;
  }

  /**
   * Whether {@code hardware} computes in this precision when {@link #AUTO} was resolved to it on another machine:
   * fp32 everywhere; bf16 and fp16 only where auto would choose them itself. Elsewhere TensorFlow's rewriters leave
   * the graph in fp32 (fp16's converts GPU ops only, bf16's CPU ops only) or the format is not what auto promised
   * (bf16 emulated on a CPU without AVX512_BF16 or AMX, fp16 on a GPU without tensor cores).
   */
  public boolean computedAsAutoOn(Hardware hardware) {
    return this == FP32 || AUTO.resolve(hardware) == this;
  }

  /** Why a run in this (resolved) precision cannot train on {@code hardware}, if it cannot. */
  public Optional<String> problemOn(Hardware hardware) {
    if (this == FP16 && !hardware.usesGpu()) {
      return Optional.of("precision fp16 needs a GPU: TensorFlow's float16 rewriter converts GPU ops only, so here"
          + " the run would compute in fp32 and be recorded as fp16; use " + (hardware.cpuHasBf16()
              ? "bf16 (this CPU has " + hardware.cpuBf16Features() + ")" : "fp32") + " or auto");
    }
    return Optional.empty();
  }

  /** Why {@link #AUTO} resolves as it does on {@code hardware}, in one line. */
  public static String autoReason(Hardware hardware) {
    if (hardware.usesGpu()) {
      return hardware.gpuHasTensorCores() ? "the GPU has tensor cores (compute capability 7.0 or later)"
          : "the GPU has no tensor cores (compute capability below 7.0)";
    }
    return hardware.cpuHasBf16() ? "the CPU has " + hardware.cpuBf16Features()
        : "the CPU has neither AVX512_BF16 nor AMX, so bfloat16 would be emulated and slower";
  }
}
