package dev.convbench.graph;

import dev.convbench.spi.Stable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The builder context an {@link dev.convbench.spi.ArchitecturePlugin} builds its network with: the layer toolkit's
 * entry point ({@link #apply}), the training/inference switch, naming scopes and variable registration.
 *
 * <p>A network reads like its diagram:
 * <pre>{@code
 * x = net.apply(x, conv(6, 5), relu(), maxPool(2));
 * x = net.apply("classifier", x, flatten(), dense(120), relu(), dense(net.classes()));
 * }</pre>
 * Unnamed layers are named by kind and position in their scope ({@code conv1}, {@code relu1}, {@code conv2}…),
 * like PyTorch's module names, and their variables are named after the scope ({@code classifier/dense1/kernel}).
 *
 * <p>One instance per pass: the harness builds the same plugin twice on one graph (training and inference); both
 * passes share a {@link VariableStore}, so the second pass reuses the first pass's variables by name.
 */
@Stable
public final class Network {

  private final Ops tf;
  private final boolean training;
  private final int classes;
  private final VariableStore variables;
  private final String path;
  private final Shared shared;
  private final Map<String, Integer> kindCounters = new HashMap<>();

  /** State common to a pass: the structure summary and the ops to run with every training step. */
  private static final class Shared {
    final List<LayerInfo> summary = new ArrayList<>();
    final List<Op> updates = new ArrayList<>();
    final Map<String, Integer> scopeUses = new HashMap<>();
  }

  /**
   * Starts a pass.
   *
   * @param tf ops of the graph, already scoped for this pass (op names of the two passes must not collide)
   * @param training true for the training pass (batch statistics, dropout), false for inference
   * @param classes number of output classes
   * @param variables variables shared by both passes
   */
  public Network(Ops tf, boolean training, int classes, VariableStore variables) {
    this(tf, training, classes, variables, "", new Shared());
  }

  private Network(Ops tf, boolean training, int classes, VariableStore variables, String path, Shared shared) {
    this.tf = tf;
    this.training = training;
    this.classes = classes;
    this.variables = variables;
    this.path = path;
    this.shared = shared;
  }

  /** Raw TensorFlow ops of this pass, for what the toolkit lacks. */
  public Ops tf() {
    return tf;
  }

  /** True in the training pass (batch norm uses batch statistics and updates its averages; dropout drops). */
  public boolean training() {
    return training;
  }

  /** Number of classes the logits must have. */
  public int classes() {
    return classes;
  }

  /** Scoped name of this context, e.g. {@code layer1/0}; empty at the root. */
  public String path() {
    return path;
  }

  /** Applies layers in sequence in this scope, naming each by kind and position. */
  public Operand<TFloat32> apply(Operand<TFloat32> x, Layer... layers) {
    for (Layer layer : layers) {
      int n = kindCounters.merge(layer.kind(), 1, Integer::sum);
      x = layer.apply(child(layer.kind() + n), x);
    }
    return x;
  }

  /** Applies layers in sequence in a child scope called {@code scope}. */
  public Operand<TFloat32> apply(String scope, Operand<TFloat32> x, Layer... layers) {
    return child(scope).apply(x, layers);
  }

  /** A child context named {@code name}, for blocks that need explicit names. */
  public Network child(String name) {
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      throw new IllegalArgumentException("invalid scope name: " + name);
    }
    String childPath = path.isEmpty() ? name : path + "/" + name;
    if (shared.scopeUses.merge(childPath, 1, Integer::sum) > 1) {
      throw new IllegalStateException("scope used twice in one pass: " + childPath);
    }
    // The TensorFlow scope is not nested per layer: every withSubScope scans the whole graph (quadratic build
    // time for deep networks). Layer names live in this context's path and in the variables' names instead.
    return new Network(tf, training, classes, variables, childPath, shared);
  }

  /**
   * A trainable variable of this layer, created on first use and reused by the other pass.
   *
   * @param name short name within the layer, e.g. {@code kernel}
   * @param init initial value, built with the given init-scope ops and a per-variable seed pair
   */
  public Variable<TFloat32> weight(String name, Shape shape, Initializer init) {
    String full = qualified(name);
    long[] seeds = variables.seedsFor(full);
    return variables.trainable(full, shape, initTf -> init.create(initTf, shape, seeds));
  }

  /** A non-trainable variable of this layer (e.g. a moving average), filled with {@code value}. */
  public Variable<TFloat32> state(String name, Shape shape, float value) {
    Function<Ops, Operand<TFloat32>> init = initTf -> initTf.fill(initTf.constant(shape), initTf.constant(value));
    return variables.state(qualified(name), shape, init);
  }

  /** A seed pair for a random op of this layer (dropout masks). */
  public long[] seeds(String purpose) {
    return variables.seedsFor(qualified(purpose) + (training ? "#train" : "#eval"));
  }

  /**
   * Uniform random floats in [0, 1) for this layer, new at every training step (dropout masks). In a training graph
   * they depend only on the run's seed and the step, so a resumed run draws the same ones.
   */
  public Operand<TFloat32> randomUniform(String purpose, Operand<org.tensorflow.types.TInt32> shape) {
    StepNoise noise = variables.stepNoise();
    if (noise != null) {
      return noise.uniform(tf, qualified(purpose), shape);
    }
    long[] s = seeds(purpose);
    return tf.random.randomUniform(shape, TFloat32.class, org.tensorflow.op.random.RandomUniform.seed(s[0]),
        org.tensorflow.op.random.RandomUniform.seed2(s[1]));
  }

  /** Registers an op the training step must run (batch-norm moving-average updates). */
  public void addUpdate(Op update) {
    shared.updates.add(update);
  }

  /** Adds this layer's line to the structure summary. */
  public void record(String op, Operand<TFloat32> output, long parameters) {
    record(op, output, parameters, 0);
  }

  /**
   * Adds this layer's line to the structure summary, with its multiply-accumulates per image (for a convolution:
   * output height × width × channels × kernel area × input channels per group).
   */
  public void record(String op, Operand<TFloat32> output, long parameters, long macs) {
    List<Long> dims = new ArrayList<>();
    Shape shape = output.shape();
    for (int i = 0; i < shape.numDimensions(); i++) {
      dims.add(shape.get(i));
    }
    shared.summary.add(new LayerInfo(path, op, List.copyOf(dims), parameters, macs));
  }

  /** The structure summary of this pass, in build order. */
  public List<LayerInfo> summary() {
    return List.copyOf(shared.summary);
  }

  /** Ops the training step must run besides the optimizer (empty for inference). */
  public List<Op> updates() {
    return List.copyOf(shared.updates);
  }

  private String qualified(String name) {
    return path.isEmpty() ? name : path + "/" + name;
  }

  /** Creates a variable's initial value. */
  @FunctionalInterface
  public interface Initializer {
    Operand<TFloat32> create(Ops initTf, Shape shape, long[] seeds);
  }
}
