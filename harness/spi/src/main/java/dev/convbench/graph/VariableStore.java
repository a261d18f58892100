package dev.convbench.graph;

import dev.convbench.spi.Internal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The variables of one network, by scoped name, shared by its training and inference passes so that both read the
 * same weights. Trainable variables are kept apart from state (batch-norm moving averages), which the optimizer must
 * not touch.
 */
@Internal
public final class VariableStore {

  private final Ops tf;
  private final long seed;
  private final Map<String, Variable<TFloat32>> trainable = new LinkedHashMap<>();
  private final Map<String, Variable<TFloat32>> state = new LinkedHashMap<>();
  private StepNoise noise;

  /**
   * @param tf ops of the graph the variables live in
   * @param seed run seed; each variable's initial value is drawn with a seed derived from it and the variable name
   */
  public VariableStore(Ops tf, long seed) {
    this.tf = tf;
    this.seed = seed;
  }

  /**
   * Makes training-pass random ops (dropout) draw from {@code noise}: stateless, keyed by the step, so that a resumed
   * run repeats them exactly. Without it they use seeded stateful ops (graphs that are never resumed).
   */
  public void useStepNoise(StepNoise noise) {
    this.noise = noise;
  }

  /** The per-step noise, or null when {@link #useStepNoise} was not called. */
  StepNoise stepNoise() {
    return noise;
  }

  /** Every variable, trainable and state, by scoped name: what a checkpoint of the model holds. */
  public Map<String, Variable<TFloat32>> all() {
    Map<String, Variable<TFloat32>> all = new LinkedHashMap<>(trainable);
    all.putAll(state);
    return Collections.unmodifiableMap(all);
  }

  /** Returns the trainable variable {@code name}, creating it with {@code init} on first use. */
  Variable<TFloat32> trainable(String name, Shape shape, Function<Ops, Operand<TFloat32>> init) {
    return getOrCreate(trainable, name, shape, init);
  }

  /** Returns the non-trainable variable {@code name}, creating it with {@code init} on first use. */
  Variable<TFloat32> state(String name, Shape shape, Function<Ops, Operand<TFloat32>> init) {
    return getOrCreate(state, name, shape, init);
  }

  private Variable<TFloat32> getOrCreate(Map<String, Variable<TFloat32>> kind, String name, Shape shape,
      Function<Ops, Operand<TFloat32>> init) {
    Variable<TFloat32> existing = kind.get(name);
    if (existing != null) {
      if (!existing.shape().equals(shape)) {
        throw new IllegalStateException("variable " + name + " reused with shape " + shape + " but created with "
            + existing.shape() + ": the inference pass must build the same layers as the training pass");
      }
      return existing;
    }
    if (trainable.containsKey(name) || state.containsKey(name)) {
      throw new IllegalStateException("variable name used twice: " + name);
    }
    Ops scoped = scopedOps(name);
    Variable<TFloat32> variable = scoped.variable(init.apply(scoped.withInitScope()));
    kind.put(name, variable);
    return variable;
  }

  /**
   * Ops that name the variable's TensorFlow op after its scoped name ({@code vars/layer1.block1.conv1.kernel}).
   * One flat name rather than nested sub-scopes: TensorFlow Java scans the whole graph for every sub-scope it
   * creates, which made building large networks quadratic in their size.
   */
  private Ops scopedOps(String name) {
    return tf.withName("vars." + name.replace('/', '.'));
  }

  /** A seed pair for a random op, stable for a given run seed and purpose (variable name, op name). */
  public long[] seedsFor(String purpose) {
    long h = seed * 0x9E3779B97F4A7C15L ^ purpose.hashCode() * 0xC2B2AE3D27D4EB4FL;
    h ^= (h >>> 31);
    // TensorFlow treats (0, 0) as "pick a random seed": avoid it.
    return new long[] {(h & 0x7FFFFFFFL) + 1, ((h >>> 32) & 0x7FFFFFFFL) + 1};
  }

  /** Trainable variables in creation order. */
  public List<Variable<TFloat32>> trainableVariables() {
    return Collections.unmodifiableList(new ArrayList<>(trainable.values()));
  }

  /** Trainable variable names in creation order. */
  public List<String> trainableNames() {
    return List.copyOf(trainable.keySet());
  }

  /** Total number of trainable scalars. */
  public long trainableParameterCount() {
    return trainable.values().stream().mapToLong(v -> v.shape().size()).sum();
  }
}
